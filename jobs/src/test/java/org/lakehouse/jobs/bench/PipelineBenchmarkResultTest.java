package org.lakehouse.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.reconcile.ReconcileReport;

class PipelineBenchmarkResultTest {
    private static final ReconcileReport OK = new ReconcileReport(List.of("check"), List.of());

    private static PipelineBenchmarkResult.Round round(double bronze, double silver, double gold) {
        return new PipelineBenchmarkResult.Round(seconds(bronze), seconds(silver), seconds(gold), 1024L * 1024 * 1024);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    @Test
    void withoutABaselineTheMedianRoundIsPrintedWhole() {
        PipelineBenchmarkResult result = new PipelineBenchmarkResult(1000,
                List.of(round(1, 2, 3), round(1, 1, 1), round(2, 4, 6)), OK);
        assertThat(result.resultLine()).as("the round with the median total, its stages adding up")
                .isEqualTo("RESULT bronze_s=1.0 silver_s=2.0 gold_s=3.0 total_s=6.0 peak_heap_mb=1024");
    }

    @Test
    void besideTheTextbookBothMedianTotalsAndTheirRatioArePrinted() {
        PipelineBenchmarkResult result = new PipelineBenchmarkResult(1000,
                List.of(round(5, 10, 3), round(5, 10, 5), round(4, 9, 3)),
                List.of(round(5, 20, 15), round(6, 22, 12), round(5, 25, 10)), OK);
        assertThat(result.oursSeconds()).as("median of 18, 20, 16").isEqualTo(18.0);
        assertThat(result.textbookSeconds()).as("median of 40, 40, 40").isEqualTo(40.0);
        assertThat(result.resultLine()).isEqualTo("RESULT ours_s=18.0 textbook_s=40.0 ratio=0.450");

        PipelineBenchmarkResult even = new PipelineBenchmarkResult(1000, List.of(round(1, 1, 1), round(2, 2, 1)),
                List.of(round(1, 1, 1), round(1, 1, 2)), OK);
        assertThat(even.resultLine()).as("an even count's median is the mean of the middle two")
                .isEqualTo("RESULT ours_s=4.0 textbook_s=3.5 ratio=1.143");
    }

    @Test
    void needsOneTextbookRoundPerMeasuredRound() {
        assertThatThrownBy(() -> new PipelineBenchmarkResult(1, List.of(round(1, 1, 1), round(1, 1, 1)),
                List.of(round(1, 1, 1)), OK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one textbook round per measured round");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Median.of(List.of(3, 1, 2))).isEqualTo(2.0);
        assertThat(Median.of(List.of(4L, 1L, 2L, 3L))).isEqualTo(2.5);
        assertThatThrownBy(() -> Median.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pipelineBaselinesAreNamedInAnyCase() {
        assertThat(PipelineBaseline.fromCliName(" Textbook ")).isEqualTo(PipelineBaseline.TEXTBOOK);
        assertThatThrownBy(() -> PipelineBaseline.fromCliName("tutorial"))
                .hasMessage("'tutorial' is not a baseline; use textbook");
    }
}
