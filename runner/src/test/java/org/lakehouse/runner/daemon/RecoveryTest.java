package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.claim.Heartbeat;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.result.ResultStatus;

/** A runner that died with claimed triggers: a live runner re-queues them and closes its runs as ABANDONED. */
class RecoveryTest {
    @TempDir
    Path temp;

    private Runner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void aDeadOwnersClaimsAreRequeuedAndItsRunsAbandoned() throws Exception {
        TestRoot root = new TestRoot(temp, Map.of());
        long deadPid = new ProcessBuilder("true").start().onExit().get().pid();
        String host = Owner.current("x").host();
        Path claimed = root.config.claimed().resolve("runner-dead-1--noop.crashed.trigger");
        Files.writeString(claimed, "{\"id\": \"crashed\"}");
        Files.writeString(root.config.root().runners().resolve("runner-dead.json"), "{\"host\": \"" + host
                + "\", \"pid\": " + deadPid + ", \"runner_id\": \"runner-dead\", \"started_at\": \"" + Instant.now()
                + "\", \"lease_until\": \"" + Instant.now().plusSeconds(600) + "\"}");
        try (RunLedger ledger = RunLedger.open(root.config.ledger())) {
            ledger.append(new LedgerEntry(Instant.now(), LedgerEvent.STARTED, "noop", "noop-old-1", List.of("crashed"),
                    1, "runner-dead", null, Map.of(), null, null, null, null));
        }
        RecordingLauncher launcher = new RecordingLauncher();
        runner = Runner.start(root.config, launcher, Clock.systemUTC(), RunListener.NONE, true);
        assertThat(root.awaitResult("crashed").status()).as("the orphan ran again").isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(root.ledger()).as("the dead runner's run is closed")
                .anySatisfy(e -> {
                    assertThat(e.event()).isEqualTo(LedgerEvent.ABANDONED);
                    assertThat(e.runId()).isEqualTo("noop-old-1");
                });
        assertThat(launcher.launches).hasSize(1);
        assertThat(root.files(root.config.claimed())).isEmpty();
        assertThat(root.files(root.config.root().runners())).as("the dead runner's heartbeat is gone")
                .containsExactly(runner.runnerId() + ".json");
    }

    @Test
    void theOrphanPolicyLeavesLiveOwnersAlone() {
        Owner me = Owner.current("other-runner");
        OrphanPolicy policy = new OrphanPolicy(me.host(), pid -> true, Duration.ofMinutes(1));
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        Heartbeat live = new Heartbeat(me, now.minusSeconds(300), now.plusSeconds(30));
        assertThat(policy.gone(live, now)).as("a live local owner with a current lease").isFalse();
        assertThat(new OrphanPolicy(me.host(), pid -> false, Duration.ofMinutes(1)).gone(live, now))
                .as("a dead local owner").isTrue();
        Heartbeat remote = new Heartbeat(new Owner("elsewhere", 1, "r"), now.minusSeconds(90), now.minusSeconds(1));
        assertThat(policy.gone(remote, now)).as("a remote lease that ran out").isTrue();
        Heartbeat remoteLive = new Heartbeat(new Owner("elsewhere", 1, "r"), now.minusSeconds(90), now.plusSeconds(1));
        assertThat(policy.gone(remoteLive, now)).as("a remote lease still current, whatever its pid").isFalse();
        assertThat(policy.gone(Optional.empty(), now.minusSeconds(30), now)).as("no heartbeat, a young claim")
                .isFalse();
        assertThat(policy.gone(Optional.empty(), now.minusSeconds(61), now)).as("no heartbeat, older than a term")
                .isTrue();
    }
}
