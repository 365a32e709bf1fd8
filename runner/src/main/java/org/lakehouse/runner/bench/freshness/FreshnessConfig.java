package org.lakehouse.runner.bench.freshness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The freshness benchmark's settings.
 *
 * @param bootstrap the Kafka broker; a fresh topic is created on it
 * @param workDir an empty folder for the trigger root and the lake
 * @param rate orders sent per second
 * @param duration how long orders are sent
 * @param poll how often Bronze's feed looks at Kafka's end offsets when nothing ended a Bronze run
 * @param drainTimeout how long Gold may take, after the last send, to count every valid order
 */
public record FreshnessConfig(String bootstrap, Path workDir, double rate, Duration duration, Duration poll,
        Duration drainTimeout) {
    public static final double DEFAULT_RATE = 2000;
    public static final long DEFAULT_DURATION_SECONDS = 120;
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(5);

    public FreshnessConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(workDir, "workDir");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be positive, got " + rate);
        }
        if (duration.toMillis() < 1 || poll.toMillis() < 1 || drainTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("duration, poll and drain timeout must be positive");
        }
        if (orders(rate, duration) < 1) {
            throw new IllegalArgumentException("rate " + rate + " for " + duration + " sends no order");
        }
    }

    /** How many orders (records, faults included) are sent. */
    public long orders() {
        return orders(rate, duration);
    }

    static long orders(double rate, Duration duration) {
        return Math.round(rate * duration.toMillis() / 1000.0);
    }
}
