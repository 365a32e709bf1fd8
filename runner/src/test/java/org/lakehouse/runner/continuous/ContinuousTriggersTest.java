package org.lakehouse.runner.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lakehouse.runner.trigger.TriggerIds;

/** The continuous trigger's id scheme and the pause after failed runs: pure. */
class ContinuousTriggersTest {
    private static final ContinuousTriggers BRONZE = new ContinuousTriggers("bronze", Map.of("topics", "orders"));

    private static Backlog backlog(Long c0, long e0, Long c1, long e1) {
        return new Backlog(List.of(new PartitionLag("orders", 1, c1, c1 == null ? 0 : c1, e1),
                new PartitionLag("orders", 0, c0, c0 == null ? 0 : c0, e0)));
    }

    private static String id(ContinuousTriggers t, Backlog b) {
        return t.request(b, x -> Optional.empty()).orElseThrow().id();
    }

    @Test
    void theIdIsAFunctionOfTheCommittedOffsetsTheCheckpointAndTheParams() {
        String id = id(BRONZE, backlog(10L, 20, 30L, 40));
        assertThat(id).matches("bronze-cont-[0-9a-f]{16}");
        assertThat(TriggerIds.valid(id)).isTrue();
        assertThat(id(BRONZE, backlog(10L, 20, 30L, 40))).as("deterministic").isEqualTo(id);
        assertThat(id(BRONZE, backlog(10L, 25, 30L, 99))).as("records arriving do not change the request")
                .isEqualTo(id);
        assertThat(id(BRONZE, backlog(11L, 25, 30L, 99))).as("a committed offset moved").isNotEqualTo(id);
        assertThat(id(BRONZE, backlog(null, 20, 30L, 40))).as("a partition the checkpoint does not know")
                .isNotEqualTo(id);
        assertThat(id(new ContinuousTriggers("bronze", Map.of("topics", "other")), backlog(10L, 20, 30L, 40)))
                .as("other params").isNotEqualTo(id);
        assertThat(id(BRONZE, new Backlog("3f0c-new-checkpoint", backlog(10L, 20, 30L, 40).partitions())))
                .as("a checkpoint created again (reset) at equal offsets").isNotEqualTo(id);
        assertThat(BRONZE.request(backlog(10L, 20, 30L, 40), x -> Optional.empty()).orElseThrow().requestedBy())
                .isEqualTo("continuous");
    }

    @Test
    void anIdThatSucceededIsDerivedOnceWithTheRunThatUsedItAndNotAgain() {
        Backlog b = backlog(null, 5, null, 5);
        String first = id(BRONZE, b);
        String second = BRONZE.request(b, x -> x.equals(first) ? Optional.of("bronze-run-1") : Optional.empty())
                .orElseThrow().id();
        assertThat(second).as("a checkpoint deleted by hand: derived past the run that used the id")
                .isNotEqualTo(first).matches("bronze-cont-[0-9a-f]{16}");
        assertThat(BRONZE.request(b, x -> x.equals(first) ? Optional.of("bronze-run-9") : Optional.empty())
                .orElseThrow().id()).as("another run that used it, another id").isNotEqualTo(second);
        assertThat(BRONZE.request(b, x -> x.equals(first) ? Optional.of("bronze-run-1")
                : x.equals(second) ? Optional.of("bronze-run-2") : Optional.empty()))
                .as("two runs left this position unchanged: no third, no loop").isEmpty();
    }

    @Test
    void thePauseAfterFailedRunsDoublesFromOneIntervalUpToItsBound() {
        FailurePause p = new FailurePause(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(p.after(0)).isZero();
        assertThat(p.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.after(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new FailurePause(Duration.ofSeconds(5), Duration.ofSeconds(1)).after(3))
                .as("never less than one interval").isEqualTo(Duration.ofSeconds(5));
    }
}
