package org.lakehouse.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FallbackPolicyTest {
    private final FallbackPolicy policy = new FallbackPolicy(Duration.ofMinutes(10));
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void firesOnlyWithoutARecentSuccessAndWhenNothingIsRequested() {
        assertThat(policy.due(Optional.empty(), false, now)).as("never succeeded").isTrue();
        assertThat(policy.due(Optional.of(now.minusSeconds(60)), false, now)).as("succeeded a minute ago").isFalse();
        assertThat(policy.due(Optional.of(now.minusSeconds(601)), false, now)).as("outside the window").isTrue();
        assertThat(policy.due(Optional.empty(), true, now)).as("queued or running already").isFalse();
    }
}
