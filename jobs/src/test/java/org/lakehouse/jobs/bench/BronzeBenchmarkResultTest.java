package org.lakehouse.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BronzeBenchmarkResultTest {
    @Test
    void reportsMediansAndTheirRatioUnderTheBaselinesName() {
        BronzeBenchmarkResult noop = new BronzeBenchmarkResult(1000, BronzeBaseline.NOOP,
                List.of(100.0, 300.0, 200.0), List.of(500.0, 400.0, 1000.0));
        assertThat(noop.bronzeMedian()).isEqualTo(200.0);
        assertThat(noop.baselineMedian()).isEqualTo(500.0);
        assertThat(noop.resultLine()).isEqualTo("RESULT bronze_events_per_s=200 noop_events_per_s=500 ratio=0.400");

        BronzeBenchmarkResult parquet = new BronzeBenchmarkResult(1000, BronzeBaseline.PARQUET,
                List.of(150.0, 250.0), List.of(200.0, 300.0));
        assertThat(parquet.resultLine()).as("an even count's median is the mean of the middle two")
                .isEqualTo("RESULT bronze_events_per_s=200 parquet_events_per_s=250 ratio=0.800");
    }

    @Test
    void needsOneFigurePerRoundAndSide() {
        assertThatThrownBy(() -> new BronzeBenchmarkResult(1, BronzeBaseline.NOOP, List.of(1.0), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one figure per round and side");
    }

    @Test
    void baselinesAreNamedInAnyCase() {
        assertThat(BronzeBaseline.fromCliName(" Parquet ")).isEqualTo(BronzeBaseline.PARQUET);
        assertThat(BronzeBaseline.fromCliName("noop")).isEqualTo(BronzeBaseline.NOOP);
        assertThatThrownBy(() -> BronzeBaseline.fromCliName("delta"))
                .hasMessage("'delta' is not a baseline; use noop or parquet");
    }
}
