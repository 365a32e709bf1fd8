package org.lakehouse.jobs.bench.growth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a round re-sends a history event: always with its {@code event_id}, so Silver must find the original however
 * old it is and wherever the copy lands. The kinds take turns within a round.
 */
public enum CopyKind {
    /** The original's key, value and headers, into the original's partition. */
    IDENTICAL(Duration.ZERO, false),
    /** The event time moved three days back: the copy's event date holds other rows than the original's. */
    MOVED_DAYS(Duration.ofDays(3), false),
    /** The event time moved sixty days back, and the copy sent to another partition. */
    MOVED_MONTHS(Duration.ofDays(60), true),
    /** The original's bytes, into another partition. */
    OTHER_PARTITION(Duration.ZERO, true);

    private static final Pattern EVENT_TS = Pattern.compile("\"event_ts\"\\s*:\\s*\"([^\"]*)\"");

    private final Duration movedBack;
    private final boolean otherPartition;

    CopyKind(Duration movedBack, boolean otherPartition) {
        this.movedBack = movedBack;
        this.otherPartition = otherPartition;
    }

    /** The kind of a round's {@code i}-th copy. */
    public static CopyKind forIndex(int i) {
        return values()[Math.floorMod(i, values().length)];
    }

    /** The partition the copy goes to: the original's, or the next one (the same when there is only one). */
    public int partition(int originalPartition, int partitions) {
        return otherPartition ? (originalPartition + 1) % partitions : originalPartition;
    }

    /**
     * The copy's value: the original's bytes, with {@code event_ts} moved back for the kinds that move it.
     *
     * @throws IllegalArgumentException when a value to move has no ISO-8601 {@code event_ts} string
     */
    public byte[] value(byte[] original) {
        if (movedBack.isZero()) {
            return original;
        }
        String json = new String(original, StandardCharsets.UTF_8);
        Matcher m = EVENT_TS.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("the original has no \"event_ts\" string to move back");
        }
        Instant moved;
        try {
            moved = Instant.parse(m.group(1)).minus(movedBack);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the original's event_ts '" + m.group(1) + "' is not ISO-8601", e);
        }
        String copy = json.substring(0, m.start(1)) + moved + json.substring(m.end(1));
        return copy.getBytes(StandardCharsets.UTF_8);
    }
}
