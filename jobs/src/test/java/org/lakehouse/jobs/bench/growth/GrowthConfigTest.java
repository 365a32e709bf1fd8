package org.lakehouse.jobs.bench.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrowthConfigTest {
    private static GrowthConfig config(long history, long events, int rounds, int warmupRounds, Duration span,
            long chunk) {
        return new GrowthConfig(history, events, rounds, warmupRounds, span, chunk, Optional.empty());
    }

    @Test
    void refusesSizesThatMeasureNothingAndSaysHowToFixThem() {
        assertThatThrownBy(() -> config(0, 10, 1, 0, Duration.ofDays(1), 10))
                .hasMessage("--history 0 is not allowed: it must be at least 1. Pass --history 10000000, for example.");
        assertThatThrownBy(() -> config(10, 0, 1, 0, Duration.ofDays(1), 10))
                .hasMessageStartingWith("--events 0 is not allowed");
        assertThatThrownBy(() -> config(10, 10, 0, 0, Duration.ofDays(1), 10))
                .hasMessageStartingWith("--rounds 0 is not allowed");
        assertThatThrownBy(() -> config(10, 10, 1, -1, Duration.ofDays(1), 10))
                .hasMessageContaining("pass 0 for no warm-up round");
        assertThatThrownBy(() -> config(10, 10, 1, 0, Duration.ZERO, 10))
                .hasMessageContaining("Pass --span P90D");
        assertThatThrownBy(() -> config(10, 10, 1, 0, Duration.ofDays(1), 0))
                .hasMessageStartingWith("--chunk 0 is not allowed");
    }

    @Test
    void onePercentOfARoundIsCopiesAtLeastOneAndNeverMoreThanTheRound() {
        assertThat(config(10, 100_000, 1, 0, Duration.ofDays(1), 10).copiesPerRound()).isEqualTo(1000);
        assertThat(config(10, 2000, 1, 0, Duration.ofDays(1), 10).copiesPerRound()).isEqualTo(20);
        assertThat(config(10, 30, 1, 0, Duration.ofDays(1), 10).copiesPerRound()).as("at least one").isEqualTo(1);
        assertThat(config(10, 1, 1, 0, Duration.ofDays(1), 10).copiesPerRound()).isEqualTo(1);
    }

    @Test
    void theHistoryIsBuiltInChunksAndRoundsCountTheWarmUp() {
        GrowthConfig c = config(10_000_001, 10, 3, 1, Duration.ofDays(90), 1_000_000);
        assertThat(c.chunks()).as("the remainder takes a step of its own").isEqualTo(11);
        assertThat(c.totalRounds()).isEqualTo(4);
        assertThat(config(5, 10, 1, 0, Duration.ofDays(1), 1_000_000).chunks()).isEqualTo(1);
    }

    @Test
    void roundsTakeTurnsOnWhichSideGoesFirst() {
        assertThat(GrowthBenchmark.order(0, false))
                .containsExactly(GrowthBenchmark.Side.EMPTY, GrowthBenchmark.Side.HISTORY);
        assertThat(GrowthBenchmark.order(1, false))
                .containsExactly(GrowthBenchmark.Side.HISTORY, GrowthBenchmark.Side.EMPTY);
        assertThat(GrowthBenchmark.order(2, true)).containsExactly(GrowthBenchmark.Side.EMPTY,
                GrowthBenchmark.Side.HISTORY, GrowthBenchmark.Side.TEXTBOOK);
        assertThat(GrowthBenchmark.order(3, true)).containsExactly(GrowthBenchmark.Side.TEXTBOOK,
                GrowthBenchmark.Side.HISTORY, GrowthBenchmark.Side.EMPTY);
    }
}
