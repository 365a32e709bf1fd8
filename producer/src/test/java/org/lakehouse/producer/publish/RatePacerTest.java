package org.lakehouse.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatePacerTest {
    @Test
    void unlimitedNeverWaits() {
        assertThat(new RatePacer(0).nanosUntilDue(1_000_000, 0)).isZero();
    }

    @Test
    void waitsUntilTheRecordIsDue() {
        RatePacer pacer = new RatePacer(1_000); // one per millisecond
        assertThat(pacer.nanosUntilDue(0, 0)).as("first record").isZero();
        assertThat(pacer.nanosUntilDue(10, 4_000_000)).as("record 10 after 4 ms").isEqualTo(6_000_000);
        assertThat(pacer.nanosUntilDue(10, 12_000_000)).as("behind schedule").isZero();
    }
}
