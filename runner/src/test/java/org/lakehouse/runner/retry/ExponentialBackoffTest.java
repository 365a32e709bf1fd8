package org.lakehouse.runner.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {
    @Test
    void doublesUpToTheMaximumWithJitterAndGivesUp() {
        RetryPolicy top = new ExponentialBackoff(5, Duration.ofSeconds(1), Duration.ofSeconds(5), () -> 1.0);
        assertThat(top.nextDelay(1, true)).contains(Duration.ofSeconds(1));
        assertThat(top.nextDelay(2, true)).contains(Duration.ofSeconds(2));
        assertThat(top.nextDelay(3, true)).contains(Duration.ofSeconds(4));
        assertThat(top.nextDelay(4, true)).as("capped").contains(Duration.ofSeconds(5));
        assertThat(top.nextDelay(5, true)).as("after max attempts").isEmpty();
        RetryPolicy low = new ExponentialBackoff(5, Duration.ofSeconds(1), Duration.ofSeconds(5), () -> 0.0);
        assertThat(low.nextDelay(2, true)).as("jitter halves at most").contains(Duration.ofSeconds(1));
    }

    @Test
    void neverRetriesAFatalFailure() {
        assertThat(new ExponentialBackoff(9, Duration.ZERO, Duration.ZERO, () -> 0.5).nextDelay(1, false)).isEmpty();
    }
}
