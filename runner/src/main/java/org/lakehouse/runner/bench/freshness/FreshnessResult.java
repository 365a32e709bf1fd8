package org.lakehouse.runner.bench.freshness;

import java.util.Locale;
import org.lakehouse.jobs.reconcile.ReconcileReport;

/**
 * What one freshness run found: the latencies, the achieved send rate and the reconcile report.
 *
 * @param validOrders the valid orders the manifest expects in Silver (each should have a latency)
 * @param sendOffsetMs how long after its Kafka timestamp each order was due to be sent (see
 *     {@link FreshnessBenchmark})
 */
public record FreshnessResult(Latencies latencies, double eventsPerSecond, long validOrders, long sendOffsetMs,
        ReconcileReport reconcile) {

    /** Whether the run is sound: reconcile OK and a latency for every valid order. */
    public boolean ok() {
        return reconcile.ok() && everyOrderMeasured();
    }

    public boolean everyOrderMeasured() {
        return latencies.unresolved() == 0 && latencies.orders().size() == validOrders;
    }

    /** The stdout line: {@code RESULT freshness_p50_ms=.. p99_ms=.. events_per_s=.. gold_commits=..}. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT freshness_p50_ms=%d p99_ms=%d events_per_s=%.0f gold_commits=%d",
                latencies.percentile(OrderLatency::totalMs, 50), latencies.percentile(OrderLatency::totalMs, 99),
                eventsPerSecond, latencies.goldCommits());
    }

    /** Each hop's share of the summed latency, the waiting's share inside them, and their medians. */
    public String hopsLine() {
        return String.format(Locale.ROOT, "hops: bronze=%.0f%% silver=%.0f%% gold=%.0f%% waiting=%.0f%% "
                + "(p50 ms: bronze=%d silver=%d gold=%d waiting=%d)",
                latencies.sharePercent(OrderLatency::bronzeMs), latencies.sharePercent(OrderLatency::silverMs),
                latencies.sharePercent(OrderLatency::goldMs), latencies.sharePercent(OrderLatency::waitMs),
                latencies.percentile(OrderLatency::bronzeMs, 50), latencies.percentile(OrderLatency::silverMs, 50),
                latencies.percentile(OrderLatency::goldMs, 50), latencies.percentile(OrderLatency::waitMs, 50));
    }

    /** The waiting of each hop: its share of the summed latency and its median. */
    public String waitingLine() {
        return String.format(Locale.ROOT, "waiting: bronze=%.0f%% silver=%.0f%% gold=%.0f%% "
                + "(p50 ms: bronze=%d silver=%d gold=%d)",
                latencies.sharePercent(OrderLatency::bronzeWaitMs), latencies.sharePercent(OrderLatency::silverWaitMs),
                latencies.sharePercent(OrderLatency::goldWaitMs), latencies.percentile(OrderLatency::bronzeWaitMs, 50),
                latencies.percentile(OrderLatency::silverWaitMs, 50),
                latencies.percentile(OrderLatency::goldWaitMs, 50));
    }

    /** How many valid orders got a latency, and why the first that did not has none. */
    public String ordersLine() {
        return "orders: " + validOrders + " valid, " + latencies.orders().size() + " with a latency"
                + (latencies.unresolved() > 0 ? "; " + latencies.unresolved() + " without (" + latencies
                        .firstUnresolved() + ")" : "") + "; sent " + sendOffsetMs + " ms after their timestamps";
    }
}
