package org.lakehouse.runner.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latency analysis on hand-made facts: which Gold commit counts an order, the hops and the waits. */
class LatencyAnalysisTest {
    private static final long T = 1_800_000_000_000L;

    private static FreshnessFacts.RunSpan run(String job, long claimed, long started, long ended) {
        return new FreshnessFacts.RunSpan(job, T + claimed, T + started, T + ended);
    }

    @Test
    void anOrderIsCountedByTheFirstGoldCommitWhoseBatchReadItsSilverVersionEvenTheSecondAfterIt() {
        FreshnessFacts facts = new FreshnessFacts(
                List.of(new FreshnessFacts.Order(T, 1, 1)),
                Map.of(1L, T + 1000), Map.of(1L, T + 3000),
                List.of(new FreshnessFacts.GoldCommit(0, 0, T + 3500), // planned before Silver's commit 1
                        new FreshnessFacts.GoldCommit(1, 1, T + 6000),
                        new FreshnessFacts.GoldCommit(2, 1, T + 9000)),
                List.of(run("bronze", 200, 500, 1200), run("silver", 1300, 2000, 3200),
                        run("gold", 2400, 2500, 3600), run("gold", 3300, 4000, 6100), run("gold", 6100, 8000, 9100)));

        Latencies l = LatencyAnalysis.of(facts);

        assertThat(l.orders()).as("one order, counted by batch 1 at T+6000, not batch 0 right after its Silver commit")
                .containsExactly(new OrderLatency(1000, 2000, 3000, 300, 700, 700));
        assertThat(l.orders().get(0).totalMs()).isEqualTo(6000);
        assertThat(l.orders().get(0).waitMs()).isEqualTo(1700);
        assertThat(l.goldCommits()).as("only batch 1 was the first to count an order").isEqualTo(1);
        assertThat(l.unresolved()).isZero();
        assertThat(l.commitsOutsideRuns()).isZero();
    }

    @Test
    void oneCommitPerTableServesEveryOrderAndCommitsOutsideRunsWaitNothing() {
        FreshnessFacts facts = new FreshnessFacts(
                List.of(new FreshnessFacts.Order(T, 0, 1), new FreshnessFacts.Order(T + 100, 0, 1),
                        new FreshnessFacts.Order(T + 200, 0, 1)),
                Map.of(0L, T + 1000), Map.of(1L, T + 2000),
                List.of(new FreshnessFacts.GoldCommit(3, 1, T + 4000)),
                List.of());

        Latencies l = LatencyAnalysis.of(facts);

        assertThat(l.orders()).extracting(OrderLatency::totalMs).containsExactly(4000L, 3900L, 3800L);
        assertThat(l.orders()).extracting(OrderLatency::waitMs).containsOnly(0L);
        assertThat(l.percentile(OrderLatency::totalMs, 50)).isEqualTo(3900);
        assertThat(l.percentile(OrderLatency::totalMs, 99)).isEqualTo(4000);
        assertThat(l.goldCommits()).isEqualTo(1);
        assertThat(l.commitsOutsideRuns()).as("three hops of three orders, no run in the ledger").isEqualTo(9);
        assertThat(l.sharePercent(OrderLatency::goldMs)).as("2 000 of each order's total")
                .isCloseTo(100.0 * 6000 / 11700, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void emptyHopsAndTriggersThatArrivedBeforeTheHopWaitOnlyFromItsStart() {
        FreshnessFacts facts = new FreshnessFacts(
                List.of(new FreshnessFacts.Order(T, 0, 0)),
                Map.of(0L, T + 1000), Map.of(0L, T + 1000), // Bronze and Silver commit in the same millisecond
                List.of(new FreshnessFacts.GoldCommit(0, 0, T + 1000)),
                List.of(run("bronze", -5000, 400, 1000), // claimed long before the send: waits from the send on
                        run("silver", 0, 900, 1000), // started before the hop began: no wait
                        run("gold", 0, 1000, 1000)));

        Latencies l = LatencyAnalysis.of(facts);

        assertThat(l.orders()).containsExactly(new OrderLatency(1000, 0, 0, 400, 0, 0));
    }

    @Test
    void noOrdersGiveNoLatencies() {
        Latencies l = LatencyAnalysis.of(new FreshnessFacts(List.of(), Map.of(), Map.of(), List.of(), List.of()));

        assertThat(l.orders()).isEmpty();
        assertThat(l.goldCommits()).isZero();
        assertThat(l.sharePercent(OrderLatency::bronzeMs)).isZero();
    }

    @Test
    void anOrderNoGoldCommitReachedOrWithoutItsCommitHasNoLatencyAndIsNamed() {
        FreshnessFacts facts = new FreshnessFacts(
                List.of(new FreshnessFacts.Order(T, 0, 2), new FreshnessFacts.Order(T, -1, 1),
                        new FreshnessFacts.Order(T, 0, 1)),
                Map.of(0L, T + 1000), Map.of(1L, T + 2000, 2L, T + 2500),
                List.of(new FreshnessFacts.GoldCommit(0, 1, T + 3000)),
                List.of());

        Latencies l = LatencyAnalysis.of(facts);

        assertThat(l.orders()).hasSize(1);
        assertThat(l.unresolved()).isEqualTo(2);
        assertThat(l.firstUnresolved()).as("the first order's reason")
                .contains("no Gold commit read Silver through version 2");
    }
}
