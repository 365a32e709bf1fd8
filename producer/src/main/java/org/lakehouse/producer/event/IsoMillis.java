package org.lakehouse.producer.event;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes epoch milliseconds as an ISO-8601 UTC JSON string with exactly three fraction digits
 * ({@code "2026-11-01T10:04:59.120Z"}). Event times arrive roughly in order, so the minute prefix is cached:
 * formatting costs a few digits instead of a {@link DateTimeFormatter} pass. Not thread-safe (one per encoder).
 */
final class IsoMillis {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:").withZone(ZoneOffset.UTC);
    private static final byte[] SUFFIX = "Z\"".getBytes(US_ASCII);

    private long cachedMinute = Long.MIN_VALUE;
    private byte[] cachedPrefix;

    void write(JsonBuffer out, Instant instant) {
        long ms = instant.toEpochMilli();
        long minute = Math.floorDiv(ms, 60_000L);
        if (minute != cachedMinute) {
            cachedPrefix = ('"' + MINUTE.format(Instant.ofEpochMilli(minute * 60_000L))).getBytes(US_ASCII);
            cachedMinute = minute;
        }
        int inMinute = (int) Math.floorMod(ms, 60_000L);
        out.raw(cachedPrefix);
        out.twoDigits(inMinute / 1000);
        out.raw('.');
        out.threeDigits(inMinute % 1000);
        out.raw(SUFFIX);
    }
}
