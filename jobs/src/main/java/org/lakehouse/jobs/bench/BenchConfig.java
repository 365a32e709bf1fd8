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
 * @param warmupEvents records of the small warm-up runs, on a topic and lake of their own; 0 skips them
 * @param warmupRuns   how many times the warm-up runs (each on a fresh lake), at least 1
 * @param warmupRounds full-size rounds after the warm-up runs, on the measured input, logged but not reported; 0 for
 *                     none
 */
public record BenchConfig(String bootstrap, Path workDir, long events, long warmupEvents, int warmupRuns,
        int warmupRounds) {
    public static final long DEFAULT_EVENTS = 1_000_000;
    /** Enough to load every class and plan every query once, cheap on two cores. */
    public static final long DEFAULT_WARMUP_EVENTS = 1_000;
    /**
     * Runs of the warm-up. *Why several:* the JIT compiler keeps compiling Spark's planner code for many runs of
     * the same job (a warm Silver run on 20 000 rows took 4.8 s as the 3rd run of the session, 3.4 s as the 8th and
     * 2.7 s as the 16th, with the compiler's time falling from 5.7 s to 1.3 s); a runner that has been up for a
     * while is in the later state, and one warm-up run left the measured rounds in the earlier one.
     */
    public static final int DEFAULT_WARMUP_RUNS = 8;
    /**
     * Full-size rounds before the measured ones, as a JMH warm-up iteration is the measured workload: timed and
     * logged, left out of the result. *Why:* the small warm-up runs compile the planner's code but never reach the
     * JIT compiler's thresholds for the per-row paths of a large batch, so the first large round compiled them (in
     * a 1 M-event pipeline round, 11.8–13.4 s of compiler time in Silver alone against 1.1–3.8 s in the rounds after
     * it, and 25.5–28.3 s against 16.4–20.5 s in total); a runner that has been up a while compiled them long ago.
     */
    public static final int DEFAULT_WARMUP_ROUNDS = 1;

    public BenchConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(workDir, "workDir");
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, got " + events);
        }
        if (warmupEvents < 0) {
            throw new IllegalArgumentException("warmupEvents must be 0 (no warm-up) or more, got " + warmupEvents);
        }
        if (warmupRuns < 1) {
            throw new IllegalArgumentException("warmupRuns must be at least 1, got " + warmupRuns);
        }
        if (warmupRounds < 0) {
            throw new IllegalArgumentException("warmupRounds must be 0 (none) or more, got " + warmupRounds);
        }
        warmupEvents = Math.min(warmupEvents, events);
    }

    public boolean warmup() {
        return warmupEvents > 0;
    }
}
