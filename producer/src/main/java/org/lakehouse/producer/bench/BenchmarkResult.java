package org.lakehouse.producer.bench;

import java.util.Locale;

/**
 * Medians of the measured rounds.
 *
 * @param producerEventsPerSecond generate + send, events per second
 * @param baselineEventsPerSecond pre-built records, same client and settings
 * @param averageValueBytes       average value size of the records sent
 * @param recordsPerRun           records per measured run
 * @param rounds                  measured rounds per side
 */
public record BenchmarkResult(double producerEventsPerSecond, double baselineEventsPerSecond,
                              double averageValueBytes, long recordsPerRun, int rounds) {

    public double ratio() {
        return baselineEventsPerSecond <= 0 ? 0 : producerEventsPerSecond / baselineEventsPerSecond;
    }

    /** The one line the benchmark prints. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT producer_events_per_s=%.0f baseline_events_per_s=%.0f ratio=%.3f",
                producerEventsPerSecond, baselineEventsPerSecond, ratio());
    }
}
