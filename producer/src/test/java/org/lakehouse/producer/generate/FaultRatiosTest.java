package org.lakehouse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lakehouse.producer.ProducerException;

class FaultRatiosTest {
    @Test
    void picksKindsByCumulativeShare() {
        FaultRatios ratios = FaultRatios.of(Map.of(RecordKind.LATE, 0.25, RecordKind.MALFORMED, 0.25));
        KindPicker r = ratios.picker();
        assertThat(r.pick(0.0)).isEqualTo(RecordKind.LATE);
        assertThat(r.pick(0.3)).isEqualTo(RecordKind.MALFORMED);
        assertThat(r.pick(0.5)).isEqualTo(RecordKind.VALID);
        assertThat(ratios.ratio(RecordKind.VALID)).isEqualTo(0.5);
    }

    @Test
    void rejectsImpossibleRatios() {
        assertThatThrownBy(() -> FaultRatios.of(Map.of(RecordKind.LATE, 0.7, RecordKind.MALFORMED, 0.4)))
                .isInstanceOf(ProducerException.class).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> FaultRatios.of(Map.of(RecordKind.LATE, -0.1)))
                .isInstanceOf(ProducerException.class).hasMessageContaining("late");
        assertThatThrownBy(() -> FaultRatios.of(Map.of(RecordKind.LATE, Double.NaN)))
                .isInstanceOf(ProducerException.class);
    }
}
