package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.claim.Lease;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.result.ResultStatus;

/** A runner that died with claimed triggers: the next start re-queues them and closes its runs as ABANDONED. */
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
        Files.writeString(claimed.resolveSibling(claimed.getFileName() + ".lease"), "{\"host\": \"" + host
                + "\", \"pid\": " + deadPid + ", \"runner_id\": \"runner-dead\", \"trigger\": \"noop.crashed.trigger\", "
                + "\"claimed_at\": \"" + Instant.now() + "\", \"lease_until\": \"" + Instant.now().plusSeconds(600)
                + "\"}");
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
    }

    @Test
    void aLiveOwnersClaimsAreLeftAlone() throws Exception {
        Owner me = Owner.current("other-runner");
        OrphanPolicy policy = new OrphanPolicy(me.host(), pid -> true, Duration.ofMinutes(1));
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        Lease live = new Lease(me, "x.trigger", now.minusSeconds(30), now.plusSeconds(30));
        assertThat(policy.orphaned(live, now)).as("a live local owner with a current lease").isFalse();
        assertThat(new OrphanPolicy(me.host(), pid -> false, Duration.ofMinutes(1)).orphaned(live, now))
                .as("a dead local owner").isTrue();
        Lease remote = new Lease(new Owner("elsewhere", 1, "r"), "x.trigger", now.minusSeconds(90),
                now.minusSeconds(1));
        assertThat(policy.orphaned(remote, now)).as("a remote lease that ran out").isTrue();
        assertThat(policy.orphanedWithoutLease(now.minusSeconds(30), now)).as("young, lease not written yet")
                .isFalse();
        assertThat(policy.orphanedWithoutLease(now.minusSeconds(61), now)).isTrue();
    }
}
