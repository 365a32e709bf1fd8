package org.lakehouse.jobs.bench.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyKindTest {
    private static final byte[] ORDER = ("{\"schema_version\":1,\"event_id\":\"e-1\",\"quantity\":2,"
            + "\"unit_price\":249.90,\"city\":\"  Berlin \",\"event_ts\":\"2026-09-01T10:15:30.120Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theKindsTakeTurns() {
        assertThat(CopyKind.forIndex(0)).isEqualTo(CopyKind.IDENTICAL);
        assertThat(CopyKind.forIndex(1)).isEqualTo(CopyKind.MOVED_DAYS);
        assertThat(CopyKind.forIndex(2)).isEqualTo(CopyKind.MOVED_MONTHS);
        assertThat(CopyKind.forIndex(3)).isEqualTo(CopyKind.OTHER_PARTITION);
        assertThat(CopyKind.forIndex(4)).isEqualTo(CopyKind.IDENTICAL);
    }

    @Test
    void identicalCopiesKeepTheBytesMovedOnesOnlyTheirEventTime() {
        assertThat(CopyKind.IDENTICAL.value(ORDER)).as("the same bytes").isSameAs(ORDER);
        assertThat(CopyKind.OTHER_PARTITION.value(ORDER)).isSameAs(ORDER);
        assertThat(new String(CopyKind.MOVED_DAYS.value(ORDER), StandardCharsets.UTF_8)).as("three days back")
                .isEqualTo(new String(ORDER, StandardCharsets.UTF_8).replace("2026-09-01T10:15:30.120Z",
                        "2026-08-29T10:15:30.120Z"));
        assertThat(new String(CopyKind.MOVED_MONTHS.value(ORDER), StandardCharsets.UTF_8)).as("sixty days back")
                .contains("\"event_ts\":\"2026-07-03T10:15:30.120Z\"").contains("\"unit_price\":249.90");
    }

    @Test
    void someCopiesLandInAnotherPartition() {
        assertThat(CopyKind.IDENTICAL.partition(2, 3)).isEqualTo(2);
        assertThat(CopyKind.MOVED_DAYS.partition(1, 3)).isEqualTo(1);
        assertThat(CopyKind.MOVED_MONTHS.partition(2, 3)).as("the next one, wrapping").isZero();
        assertThat(CopyKind.OTHER_PARTITION.partition(0, 3)).isEqualTo(1);
        assertThat(CopyKind.OTHER_PARTITION.partition(0, 1)).as("a topic of one partition has no other").isZero();
    }

    @Test
    void aValueWithoutAnEventTimeCannotBeMoved() {
        assertThatThrownBy(() -> CopyKind.MOVED_DAYS.value("{\"event_id\":\"e\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no \"event_ts\"");
    }
}
