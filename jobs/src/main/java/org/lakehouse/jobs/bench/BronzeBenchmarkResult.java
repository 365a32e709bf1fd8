package org.lakehouse.jobs.bench;

import java.util.List;
import java.util.Locale;

/**
 * Events per second of each measured round, and their medians.
 *
 * @param events             records each run read
 * @param baseline           what the Bronze job was measured against
 * @param bronzeEventsPerS   the Bronze job, one figure per round
 * @param baselineEventsPerS the baseline, one figure per round
 */
public record BronzeBenchmarkResult(long events, BronzeBaseline baseline, List<Double> bronzeEventsPerS,
        List<Double> baselineEventsPerS) {
    public BronzeBenchmarkResult {
        bronzeEventsPerS = List.copyOf(bronzeEventsPerS);
        baselineEventsPerS = List.copyOf(baselineEventsPerS);
        if (bronzeEventsPerS.isEmpty() || bronzeEventsPerS.size() != baselineEventsPerS.size()) {
            throw new IllegalArgumentException("one figure per round and side is needed, got "
                    + bronzeEventsPerS.size() + " and " + baselineEventsPerS.size());
        }
    }

    public int rounds() {
        return bronzeEventsPerS.size();
    }

    public double bronzeMedian() {
        return Median.of(bronzeEventsPerS);
    }

    public double baselineMedian() {
        return Median.of(baselineEventsPerS);
    }

    /**
     * Bronze's share of the baseline's throughput: with the noop baseline, 1 would mean writing Delta costs nothing
     * over reading Kafka.
     */
    public double ratio() {
        return baselineMedian() <= 0 ? 0 : bronzeMedian() / baselineMedian();
    }

    /** The one line the benchmark prints, the baseline's figure named after it ({@code noop_events_per_s}). */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT bronze_events_per_s=%.0f %s_events_per_s=%.0f ratio=%.3f",
                bronzeMedian(), baseline.cliName(), baselineMedian(), ratio());
    }
}
