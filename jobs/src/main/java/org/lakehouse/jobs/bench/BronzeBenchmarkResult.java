package org.lakehouse.jobs.bench;

import java.util.List;
import java.util.Locale;

/**
 * Events per second of each measured round, and their medians.
 *
 * @param events           records each run read
 * @param bronzeEventsPerS the Bronze job, one figure per round
 * @param noopEventsPerS   the Kafka-read-only baseline, one figure per round
 */
public record BronzeBenchmarkResult(long events, List<Double> bronzeEventsPerS, List<Double> noopEventsPerS) {
    public BronzeBenchmarkResult {
        bronzeEventsPerS = List.copyOf(bronzeEventsPerS);
        noopEventsPerS = List.copyOf(noopEventsPerS);
        if (bronzeEventsPerS.isEmpty() || bronzeEventsPerS.size() != noopEventsPerS.size()) {
            throw new IllegalArgumentException("one figure per round and side is needed, got "
                    + bronzeEventsPerS.size() + " and " + noopEventsPerS.size());
        }
    }

    public int rounds() {
        return bronzeEventsPerS.size();
    }

    public double bronzeMedian() {
        return median(bronzeEventsPerS);
    }

    public double noopMedian() {
        return median(noopEventsPerS);
    }

    /** Bronze's share of the baseline's throughput: 1 would mean writing Delta costs nothing over reading Kafka. */
    public double ratio() {
        return noopMedian() <= 0 ? 0 : bronzeMedian() / noopMedian();
    }

    /** The one line the benchmark prints. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT bronze_events_per_s=%.0f noop_events_per_s=%.0f ratio=%.3f",
                bronzeMedian(), noopMedian(), ratio());
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
