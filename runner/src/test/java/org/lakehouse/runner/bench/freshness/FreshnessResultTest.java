package org.lakehouse.runner.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.reconcile.ReconcileReport;

/** The lines the benchmark prints. */
class FreshnessResultTest {
    private static final Latencies LATENCIES = new Latencies(List.of(new OrderLatency(1000, 2000, 3000, 0, 500, 700),
            new OrderLatency(1500, 2500, 2000, 100, 0, 0)), 0, null, 2, 0);

    @Test
    void theResultLineHasTheFourFiguresInOrder() {
        FreshnessResult r = new FreshnessResult(LATENCIES, 1999.6, 2, 250, new ReconcileReport(List.of(), List.of()));

        assertThat(r.resultLine()).isEqualTo("RESULT freshness_p50_ms=6000 p99_ms=6000 events_per_s=2000 "
                + "gold_commits=2");
        assertThat(r.hopsLine()).isEqualTo("hops: bronze=21% silver=38% gold=42% waiting=11% "
                + "(p50 ms: bronze=1000 silver=2000 gold=2000 waiting=100)");
        assertThat(r.waitingLine()).isEqualTo("waiting: bronze=1% silver=4% gold=6% "
                + "(p50 ms: bronze=0 silver=0 gold=0)");
        assertThat(r.ordersLine()).isEqualTo("orders: 2 valid, 2 with a latency; sent 250 ms after their timestamps");
        assertThat(r.ok()).isTrue();
    }

    @Test
    void aMissingLatencyOrAFailedReconcileIsNotOk() {
        ReconcileReport ok = new ReconcileReport(List.of(), List.of());
        assertThat(new FreshnessResult(LATENCIES, 1, 3, 0, ok).ok()).as("three valid orders, two latencies")
                .isFalse();
        assertThat(new FreshnessResult(LATENCIES, 1, 2, 0, new ReconcileReport(List.of(), List.of("x"))).ok())
                .isFalse();
    }
}
