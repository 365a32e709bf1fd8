package org.lakehouse.producer.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats epoch milliseconds as ISO-8601 UTC with exactly three fraction digits ({@code 2026-11-01T10:04:59.120Z}).
 * Event times arrive roughly in order, so the minute prefix is cached: formatting costs a few appends instead of
 * a {@link DateTimeFormatter} pass. Not thread-safe (one per encoder).
 */
final class IsoMillis {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:").withZone(ZoneOffset.UTC);

    private long cachedMinute = Long.MIN_VALUE;
    private String cachedPrefix;
    private final StringBuilder sb = new StringBuilder(24);

    String format(Instant instant) {
        long ms = instant.toEpochMilli();
        long minute = Math.floorDiv(ms, 60_000L);
        if (minute != cachedMinute) {
            cachedPrefix = MINUTE.format(Instant.ofEpochMilli(minute * 60_000L));
            cachedMinute = minute;
        }
        int inMinute = (int) Math.floorMod(ms, 60_000L);
        int seconds = inMinute / 1000;
        int millis = inMinute % 1000;
        sb.setLength(0);
        sb.append(cachedPrefix)
                .append((char) ('0' + seconds / 10)).append((char) ('0' + seconds % 10)).append('.')
                .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
        return sb.toString();
    }
}
