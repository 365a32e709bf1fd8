package org.lakehouse.runner.bench.freshness;

import java.util.List;
import java.util.function.ToLongFunction;
import org.lakehouse.runner.bench.Percentiles;

/**
 * The outcome of {@link LatencyAnalysis}: a latency for every order it could follow to Gold, and an account of the
 * ones it could not.
 *
 * @param orders one latency per resolved order
 * @param unresolved orders with no latency (a commit or a Gold batch the facts do not hold)
 * @param firstUnresolved why the first of them has none, or null
 * @param goldCommits Gold commits that were the first to count at least one order
 * @param commitsOutsideRuns hops whose commit fell in no run of the ledger (their wait counts as 0)
 */
public record Latencies(List<OrderLatency> orders, long unresolved, String firstUnresolved, int goldCommits,
        long commitsOutsideRuns) {

    public Latencies {
        orders = List.copyOf(orders);
    }

    /** The nearest-rank percentile {@code p} of one measure over the resolved orders. */
    public long percentile(ToLongFunction<OrderLatency> measure, double p) {
        return new Percentiles(orders.stream().mapToLong(measure).toArray()).at(p);
    }

    /** One measure's share of the total latency, summed over the resolved orders, in percent (0 with no orders). */
    public double sharePercent(ToLongFunction<OrderLatency> measure) {
        long total = orders.stream().mapToLong(OrderLatency::totalMs).sum();
        return total == 0 ? 0 : 100.0 * orders.stream().mapToLong(measure).sum() / total;
    }
}
