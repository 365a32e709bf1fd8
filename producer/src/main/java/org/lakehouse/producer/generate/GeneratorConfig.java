package org.lakehouse.producer.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.lakehouse.producer.ProducerErrors;
import org.lakehouse.producer.event.EventFormat;

/**
 * What to generate. Records are spread evenly over [startTime, startTime + span) of simulated send time; the
 * same seed, count, start time, span, format and ratios give the same bytes.
 *
 * @param seed       fixes every value, ids included
 * @param count      number of records (duplicates included)
 * @param startTime  simulated send time of record 0
 * @param span       simulated send time covered by all records
 * @param format     wire format
 * @param ratios     share of each fault kind
 */
public record GeneratorConfig(long seed, long count, Instant startTime, Duration span, EventFormat format,
                              FaultRatios ratios) {

    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_COUNT = 10_000;
    public static final Duration DEFAULT_SPAN = Duration.ofHours(6);

    public GeneratorConfig {
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ratios, "ratios");
        if (count < 0) {
            throw ProducerErrors.invalidSetting("count", count, "the count cannot be negative",
                    "Pass --count 0 or more.");
        }
        if (span.isNegative() || span.isZero()) {
            throw ProducerErrors.invalidSetting("span", span, "the span must be positive",
                    "Pass an ISO-8601 duration such as PT6H.");
        }
        startTime = startTime.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The default start: the span that ends at the top of the current hour, so simulated send times lie in the
     * recent past (Kafka rejects timestamps too far in the future, and retention counts from them).
     */
    public static Instant defaultStartTime(Instant now, Duration span) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(span);
    }

    public GeneratorConfig withCount(long newCount) {
        return new GeneratorConfig(seed, newCount, startTime, span, format, ratios);
    }

    public GeneratorConfig withFormat(EventFormat newFormat) {
        return new GeneratorConfig(seed, count, startTime, span, newFormat, ratios);
    }
}
