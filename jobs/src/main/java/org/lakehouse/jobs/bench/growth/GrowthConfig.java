package org.lakehouse.jobs.bench.growth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.lakehouse.jobs.bench.PipelineBaseline;

/**
 * What the growth benchmark builds and measures, validated here (each message names the command-line option, since
 * that is where a value comes from); the defaults are declared once, for the command line too.
 *
 * @param history      events in the history lake before the first round
 * @param events       records of each round, the copies of history events included
 * @param rounds       measured pairs of rounds (one on the empty lake, one on the history lake)
 * @param warmupRounds pairs run first, logged but not reported
 * @param span         event time the history is spread over, so Silver holds that many days of partitions
 * @param chunk        history events per build step (Bronze, Silver and Gold each run once per step), which bounds
 *                     a build run's heap
 * @param baseline     what to run beside ours on the same history, or empty
 */
public record GrowthConfig(long history, long events, int rounds, int warmupRounds, Duration span, long chunk,
        Optional<PipelineBaseline> baseline) {
    public static final long DEFAULT_HISTORY = 10_000_000;
    public static final long DEFAULT_EVENTS = 100_000;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_WARMUP_ROUNDS = 1;
    public static final Duration DEFAULT_SPAN = Duration.ofDays(90);
    /** A build step of this size runs in the heap a 1 M-event pipeline round needs. */
    public static final long DEFAULT_CHUNK = 1_000_000;
    /** The share of a round's records that re-send history events. */
    public static final double COPY_SHARE = 0.01;

    public GrowthConfig {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(baseline, "baseline");
        require(history >= 1, "--history " + history, "it must be at least 1. Pass --history 10000000, for example.");
        require(events >= 1, "--events " + events, "it must be at least 1. Pass --events 100000, for example.");
        require(rounds >= 1, "--rounds " + rounds, "it must be at least 1. Pass --rounds 3, for example.");
        require(warmupRounds >= 0, "--warmup-rounds " + warmupRounds,
                "pass 0 for no warm-up round, or a positive count.");
        require(!span.isNegative() && !span.isZero(), "--span " + span,
                "the history needs a positive span of event time. Pass --span P90D, for example.");
        require(chunk >= 1, "--chunk " + chunk, "it must be at least 1. Pass --chunk 1000000, for example.");
    }

    private static void require(boolean ok, String what, String how) {
        if (!ok) {
            throw new IllegalArgumentException(what + " is not allowed: " + how);
        }
    }

    /** Copies of history events in each round: 1 % of its records, at least one. */
    public int copiesPerRound() {
        return (int) Math.min(events, Math.max(1, Math.round(events * COPY_SHARE)));
    }

    /** Warm-up and measured rounds together. */
    public int totalRounds() {
        return warmupRounds + rounds;
    }

    /** Build steps: the history in chunks of at most {@link #chunk()} events. */
    public int chunks() {
        return (int) ((history + chunk - 1) / chunk);
    }
}
