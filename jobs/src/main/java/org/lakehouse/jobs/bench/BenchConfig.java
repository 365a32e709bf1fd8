package org.lakehouse.jobs.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a job benchmark runs against and on how much input, validated here; the defaults are declared once, for
 * the command line too.
 *
 * @param bootstrap    the Kafka to produce to and read from; each run creates fresh topics on it
 * @param workDir      an empty folder for the lakes and checkpoints of the runs
 * @param events       records produced before timing, and read by every measured run
 * @param warmupEvents records of the warm-up runs, on a topic and lake of their own; 0 skips the warm-up
 */
public record BenchConfig(String bootstrap, Path workDir, long events, long warmupEvents) {
    public static final long DEFAULT_EVENTS = 1_000_000;
    /** Enough to load every class and plan every query once, cheap on two cores. */
    public static final long DEFAULT_WARMUP_EVENTS = 1_000;

    public BenchConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(workDir, "workDir");
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, got " + events);
        }
        if (warmupEvents < 0) {
            throw new IllegalArgumentException("warmupEvents must be 0 (no warm-up) or more, got " + warmupEvents);
        }
        warmupEvents = Math.min(warmupEvents, events);
    }

    public boolean warmup() {
        return warmupEvents > 0;
    }
}
