package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.claim.local.LocalClaims;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.retry.ExponentialBackoff;
import org.lakehouse.runner.root.TriggerRoot;
import org.lakehouse.runner.trigger.TriggerRequest;

/** The dispatcher on fake time: queueing, coalescing, backoff, deferral, stop and whatever a job throws. */
class DispatcherTest {
    private static final String ME = "runner-0000test";

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();
    private final ScriptedLauncher launcher = new ScriptedLauncher();
    private TriggerRoot root;
    private RunLedger ledger;
    private LocalClaims claims;
    private Dispatcher dispatcher;
    private int files;

    @BeforeEach
    void setUp() throws IOException {
        RunnerConfig config = RunnerConfig.from(temp, Map.of("max-concurrent-jobs", "2", "max-attempts", "3",
                "rescan-interval-ms", "1000"));
        root = config.root();
        root.prepare();
        ledger = RunLedger.open(root.ledger());
        Owner me = new Owner("test-host", ProcessHandle.current().pid(), ME);
        claims = new LocalClaims(root, me, Duration.ofMinutes(1), new OrphanPolicy("test-host", pid -> true,
                Duration.ofMinutes(1)), time.clock);
        RunnerContext ctx = new RunnerContext(config, root, ledger, claims, time.clock, time.scheduler,
                new RunnerMetrics(), ME);
        Outcomes outcomes = new Outcomes(ctx, new ChainWriter(Map.of(), root, ledger::succeededRun));
        dispatcher = new Dispatcher(ctx, launcher, outcomes, new ExponentialBackoff(3, Duration.ofSeconds(10),
                Duration.ofMinutes(5), () -> 0.5), time.scheduler, RunListener.NONE);
    }

    @AfterEach
    void close() throws IOException {
        ledger.close();
    }

    private Pending pending(String job, String id, Map<String, String> params, Instant notBefore) throws IOException {
        Path f = Files.writeString(root.incoming().resolve(job + ".t" + files++ + ".trigger"), "");
        Claim claim = claims.claim(f).orElseThrow();
        return new Pending(claim, new TriggerRequest(job, id, params, null, notBefore));
    }

    private Pending pending(String job, String id) throws IOException {
        return pending(job, id, Map.of(), null);
    }

    private List<LedgerEntry> entries() throws IOException {
        return LedgerReader.all(LedgerReader.file(root.ledger()));
    }

    private long count(LedgerEvent event) throws IOException {
        return entries().stream().filter(e -> e.event() == event).count();
    }

    @Test
    void triggersWaitingTogetherWithEqualParamsShareOneRunAndOthersGetTheirOwn() throws Exception {
        dispatcher.submit(pending("silver", "a"));
        dispatcher.submit(pending("silver", "b"));
        dispatcher.submit(pending("silver", "c", Map.of("x", "1"), null));
        dispatcher.submit(pending("silver", "d"));
        assertThat(dispatcher.queued()).as("a was taken at once; the others wait for its run")
                .containsEntry("silver", 3);
        time.runDue();
        assertThat(launcher.launches).as("a, then b+d together, then c").hasSize(3);
        assertThat(launcher.launches.get(2).params()).containsEntry("x", "1");
        assertThat(entries().stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED).map(LedgerEntry::triggerIds))
                .containsExactly(List.of("a"), List.of("b", "d"), List.of("c"));
        assertThat(dispatcher.idle()).isTrue();
    }

    @Test
    void aRetriableFailureWaitsItsBackoffOnFakeTimeThenRunsAgain() throws Exception {
        launcher.then(ScriptedLauncher.FAIL_RETRIABLE);
        dispatcher.submit(pending("bronze", "r"));
        time.runDue();
        assertThat(launcher.launches).hasSize(1);
        assertThat(count(LedgerEvent.RETRYING)).isEqualTo(1);
        time.advance(Duration.ofSeconds(4));
        assertThat(launcher.launches).as("the backoff (10 s, jittered to 5-10 s) has not elapsed").hasSize(1);
        time.advance(Duration.ofSeconds(7));
        assertThat(launcher.launches).as("after the backoff").hasSize(2);
        assertThat(count(LedgerEvent.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void aNotBeforeFarInTheFutureQueuesNothingAndThrowsNothing() throws Exception {
        Instant farAway = Instant.parse("+1000000000-01-01T00:00:00Z");
        dispatcher.submit(pending("gold", "later", Map.of(), farAway));
        dispatcher.submit(pending("gold", "soon", Map.of(), time.clock.instant().plusSeconds(30)));
        time.advance(Duration.ofSeconds(29));
        assertThat(launcher.launches).isEmpty();
        time.advance(Duration.ofSeconds(2));
        assertThat(launcher.launches).extracting(r -> r.params().size()).hasSize(1);
        assertThat(Dispatcher.millisUntil(Instant.MIN, Instant.MAX)).as("saturated, not overflowed").isPositive();
    }

    @Test
    void anIdHeldByAnotherRunnersOpenRunWaitsThenIsAnsweredByItsOutcome() throws Exception {
        ledger.append(new LedgerEntry(time.clock.instant(), LedgerEvent.STARTED, "silver", "silver-other-1",
                List.of("shared"), 1, "runner-other", null, Map.of(), null, null, null, null));
        dispatcher.submit(pending("silver", "shared"));
        time.runDue();
        assertThat(launcher.launches).as("deferred while the other runner runs it").isEmpty();
        assertThat(dispatcher.queued()).containsEntry("silver", 1);
        ledger.append(new LedgerEntry(time.clock.instant(), LedgerEvent.SUCCEEDED, "silver", "silver-other-1",
                List.of("shared"), 1, "runner-other", null, null, 5L, null, null, null));
        time.advance(Duration.ofSeconds(1));
        dispatcher.poke();
        time.runDue();
        assertThat(launcher.launches).as("answered, not run").isEmpty();
        assertThat(entries()).anySatisfy(e -> {
            assertThat(e.event()).isEqualTo(LedgerEvent.DUPLICATE);
            assertThat(e.originalRunId()).isEqualTo("silver-other-1");
        });
        assertThat(dispatcher.idle()).isTrue();
    }

    @Test
    void whateverAJobThrowsEndsItsRunInOneLedgerLineAndFreesItsWorker() throws Exception {
        launcher.then(r -> ScriptedLauncher.sneaky(new Exception("org.apache.spark.SparkException: boom")))
                .then(r -> {
                    throw new StackOverflowError("deep");
                }).then(r -> {
                    throw new IllegalStateException("SparkEnv.get() is null");
                });
        dispatcher.submit(pending("bronze", "e1"));
        dispatcher.submit(pending("silver", "e2"));
        time.runDue();
        dispatcher.submit(pending("gold", "e3"));
        time.runDue();
        assertThat(count(LedgerEvent.FAILED)).as("one FAILED line per run, not retried").isEqualTo(3);
        assertThat(count(LedgerEvent.RETRYING)).isZero();
        assertThat(entries().stream().filter(e -> e.event() == LedgerEvent.FAILED).map(LedgerEntry::error))
                .anySatisfy(m -> assertThat(m).contains("SparkException: boom"))
                .anySatisfy(m -> assertThat(m).contains("StackOverflowError"));
        dispatcher.submit(pending("noop", "after"));
        time.runDue();
        assertThat(count(LedgerEvent.SUCCEEDED)).as("the workers are free again").isEqualTo(1);
        assertThat(dispatcher.activeRuns()).isZero();
    }

    @Test
    void nothingStartsOnceTheStopBegan() throws Exception {
        dispatcher.submit(pending("bronze", "s1"));
        dispatcher.stop(); // the run was handed to a worker, which has not started it yet
        time.runDue();
        assertThat(launcher.launches).isEmpty();
        assertThat(count(LedgerEvent.STARTED)).isZero();
        dispatcher.submit(pending("silver", "s2"));
        time.runDue();
        assertThat(launcher.launches).isEmpty();
        assertThat(root.claimed().toFile().list()).as("the triggers stay claimed").hasSize(2);
    }

    @Test
    void copiesOfOneIdInOneRunAreAnsweredDuplicate() throws Exception {
        dispatcher.submit(pending("silver", "same"));
        dispatcher.submit(pending("silver", "same"));
        time.runDue();
        assertThat(launcher.launches).hasSize(1);
        assertThat(count(LedgerEvent.SUCCEEDED)).isEqualTo(1);
        assertThat(count(LedgerEvent.DUPLICATE)).isEqualTo(1);
        assertThat(root.claimed().toFile().list()).isEmpty();
    }
}
