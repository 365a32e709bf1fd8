package org.lakehouse.producer.event;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes epoch milliseconds as an ISO-8601 UTC JSON string with exactly three fraction digits
 * ({@code "2026-11-01T10:04:59.120Z"}). Event times arrive roughly in order, so minute prefixes are cached (a few
 * slots, so that the odd late or future event does not evict the current minute): formatting costs a few digits
 * instead of a {@link DateTimeFormatter} pass. Not thread-safe (one per encoder).
 */
final class IsoMillis {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:").withZone(ZoneOffset.UTC);
    private static final byte[] SUFFIX = "Z\"".getBytes(US_ASCII);

    private static final int SLOTS = 16; // a power of two

    private final long[] cachedMinutes = new long[SLOTS];
    private final byte[][] cachedPrefixes = new byte[SLOTS][];

    void write(JsonBuffer out, Instant instant) {
        long ms = instant.toEpochMilli();
        long minute = Math.floorDiv(ms, 60_000L);
        int slot = (int) (minute & (SLOTS - 1));
        if (cachedPrefixes[slot] == null || cachedMinutes[slot] != minute) {
            cachedPrefixes[slot] = ('"' + MINUTE.format(Instant.ofEpochMilli(minute * 60_000L))).getBytes(US_ASCII);
            cachedMinutes[slot] = minute;
        }
        int inMinute = (int) Math.floorMod(ms, 60_000L);
        out.raw(cachedPrefixes[slot]);
        out.twoDigits(inMinute / 1000);
        out.raw('.');
        out.threeDigits(inMinute % 1000);
        out.raw(SUFFIX);
    }
}
