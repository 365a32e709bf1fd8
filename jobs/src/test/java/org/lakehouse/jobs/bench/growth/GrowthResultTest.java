package org.lakehouse.jobs.bench.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthResultTest {
    private static GrowthResult.Round round(long total) {
        return new GrowthResult.Round(total / 4, total / 2, total - total / 4 - total / 2);
    }

    @Test
    void printsMedianRoundTimesAndHistoryOverEmpty() {
        GrowthResult result = new GrowthResult(1000, 100, Duration.ofSeconds(9),
                List.of(round(1000), round(1200), round(800)), List.of(round(1500), round(1300), round(1700)),
                List.of(), List.of());
        assertThat(result.resultLines()).containsExactly(
                "RESULT round_ms_empty=1000 round_ms_history=1500 ratio=1.500");
        assertThat(result.ok()).isTrue();
    }

    @Test
    void besideTheTextbookAlsoPrintsHowManyTimesFasterOursIs() {
        GrowthResult result = new GrowthResult(1000, 100, Duration.ofSeconds(9), List.of(round(1000), round(1100)),
                List.of(round(1400), round(1600)), List.of(round(20_000), round(16_000)), List.of());
        assertThat(result.resultLines()).as("medians of even counts are the mean of the middle two").containsExactly(
                "RESULT round_ms_empty=1050 round_ms_history=1500 ratio=1.429",
                "RESULT ours_round_ms=1500 textbook_round_ms=18000 speedup=12.00");
    }

    @Test
    void aRoundsStagesAddUp() {
        GrowthResult.Round r = new GrowthResult.Round(100, 250, 50);
        assertThat(r.totalMs()).isEqualTo(400);
        assertThat(r.figures()).isEqualTo("bronze_ms=100 silver_ms=250 gold_ms=50 round_ms=400");
    }

    @Test
    void aFailedWarmUpLeavesProblemsAndNoResultLine() {
        GrowthResult failed = new GrowthResult(1000, 100, Duration.ZERO, List.of(), List.of(), List.of(),
                List.of("Warm-up round 1/1 (not reported), history lake: 3 of 20 copies ..."));
        assertThat(failed.ok()).isFalse();
        assertThat(failed.resultLines()).isEmpty();
    }

    @Test
    void needsOneRoundPerSideAndPair() {
        assertThatThrownBy(() -> new GrowthResult(1, 1, Duration.ZERO, List.of(round(1)), List.of(), List.of(),
                List.of())).hasMessageContaining("one round per side and measured pair");
        assertThatThrownBy(() -> new GrowthResult(1, 1, Duration.ZERO, List.of(round(1)), List.of(round(1)),
                List.of(round(1), round(2)), List.of())).hasMessageContaining("one round per side");
        assertThatThrownBy(() -> new GrowthResult(1, 1, Duration.ZERO, List.of(), List.of(), List.of(), List.of()))
                .hasMessageContaining("a measured round or a problem");
    }
}
