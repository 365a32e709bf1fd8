package org.lakehouse.runner.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.daemon.FakeTime;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.root.TriggerRoot;
import org.lakehouse.runner.trigger.TriggerParser;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.LoggerFactory;

/**
 * The continuous poller on fake time (jmock's scheduler, a clock that moves with it): new input gives one trigger at
 * once, nothing new only polls at the interval, an outstanding trigger or a stop writes none, a failed run pauses
 * the next trigger, an unreachable input is logged once while polling goes on, and two pollers on one root write one
 * trigger.
 */
class ContinuousPollerTest {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Map<String, String> PARAMS = Map.of("bootstrap", "127.0.0.1:9", "topics", "t");

    private final FakeTime time = new FakeTime();
    private final Probe probe = new Probe();
    private final Host host = new Host();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger logger;
    private ContinuousPoller poller;

    /** The input as the probe reports it: one partition, its committed and end offsets. */
    static Backlog backlog(long committed, long end) {
        return new Backlog(List.of(new PartitionLag("t", 0, committed, committed, end)));
    }

    /** A probe answering what the test sets, counting the questions; {@code during} runs inside each question. */
    static final class Probe implements InputProbe {
        Backlog backlog = backlog(0, 0);
        InputUnavailableException down;
        int asked;
        Runnable during = () -> { };

        @Override
        public Backlog pending() throws InputUnavailableException {
            asked++;
            during.run();
            if (down != null) {
                throw down;
            }
            return backlog;
        }

        @Override
        public String source() {
            return "Kafka at 127.0.0.1:9, topics t";
        }
    }

    /**
     * The runner as the poller sees it: a written trigger waits until the test claims it and starts its run; the run
     * stays open (as the dispatcher's is, just after it tells of the end) until the test frees it.
     */
    static final class Host implements ContinuousHost {
        final List<TriggerRequest> written = new ArrayList<>();
        final Map<String, String> succeeded = new HashMap<>();
        boolean waiting;
        String running;

        @Override
        public boolean outstanding(String job, String endedRunId) {
            return waiting || (running != null && !running.equals(endedRunId));
        }

        @Override
        public Optional<String> succeededRun(String triggerId) {
            return Optional.ofNullable(succeeded.get(triggerId));
        }

        @Override
        public void write(TriggerRequest request) {
            written.add(request);
            waiting = true;
        }

        void claimAndStart(String runId) {
            waiting = false;
            running = runId;
        }
    }

    @BeforeEach
    void setUp() {
        logger = (Logger) LoggerFactory.getLogger(ContinuousPoller.class);
        logged.start();
        logger.addAppender(logged);
        poller = poller(host, probe);
    }

    @AfterEach
    void tearDown() {
        poller.close();
        logger.detachAppender(logged);
    }

    private ContinuousPoller poller(ContinuousHost h, InputProbe p) {
        return new ContinuousPoller("bronze", new ContinuousTriggers("bronze", PARAMS), p, h, time.scheduler,
                time.clock, POLL, new FailurePause(POLL, Duration.ofSeconds(8)));
    }

    private long logged(Level level, String part) {
        return logged.list.stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(part))
                .count();
    }

    @Test
    void newInputWritesOneOrdinaryTriggerAtOnce() {
        probe.backlog = backlog(0, 5);
        poller.start();
        time.runDue();
        assertThat(host.written).as("one trigger, at start-up, without waiting for a poll").hasSize(1);
        TriggerRequest t = host.written.get(0);
        assertThat(t.job()).isEqualTo("bronze");
        assertThat(t.id()).matches("bronze-cont-[0-9a-f]{16}");
        assertThat(t.requestedBy()).isEqualTo("continuous");
        assertThat(t.params()).isEqualTo(PARAMS);
        assertThat(poller.status().state()).isEqualTo("triggered");
        assertThat(poller.status().lastTriggerId()).isEqualTo(t.id());

        time.advance(POLL.multipliedBy(10));
        assertThat(host.written).as("the trigger is outstanding: no second one").hasSize(1);
        assertThat(probe.asked).as("Kafka is not asked while a trigger is outstanding").isEqualTo(1);
    }

    @Test
    void nothingNewPollsAtTheIntervalOnly() {
        probe.backlog = backlog(7, 7);
        poller.start();
        time.runDue();
        assertThat(probe.asked).as("asked once at start-up").isEqualTo(1);
        time.advance(POLL.minusMillis(10));
        assertThat(probe.asked).as("not again before the interval").isEqualTo(1);
        time.advance(Duration.ofMillis(10));
        assertThat(probe.asked).as("again at the interval").isEqualTo(2);
        time.advance(POLL.multipliedBy(10));
        assertThat(probe.asked).as("once per interval").isEqualTo(12);
        assertThat(poller.polls()).isEqualTo(12);
        assertThat(host.written).isEmpty();
        assertThat(poller.status().state()).isEqualTo("idle");
        assertThat(poller.status().lagRecords()).isZero();

        probe.backlog = backlog(7, 9);
        time.advance(POLL);
        assertThat(host.written).as("new records seen at the next poll").hasSize(1);
    }

    @Test
    void anOutstandingTriggerMeansNoneIsWritten() {
        host.waiting = true; // e.g. Airflow's bronze trigger, or another runner's claim
        probe.backlog = backlog(0, 100);
        poller.start();
        time.advance(POLL.multipliedBy(5));
        assertThat(host.written).isEmpty();
        assertThat(probe.asked).isZero();
        assertThat(poller.status().state()).isEqualTo("outstanding");
        assertThat(poller.polls()).as("still looking at the queue every interval").isEqualTo(6);

        host.waiting = false;
        time.advance(POLL);
        assertThat(host.written).as("once nothing is outstanding").hasSize(1);
    }

    @Test
    void aRunEndingWritesTheNextTriggerAtOnceWithANewId() {
        probe.backlog = backlog(0, 5);
        poller.start();
        time.runDue();
        host.claimAndStart("run-1");
        time.advance(POLL.multipliedBy(3));
        assertThat(host.written).hasSize(1);

        probe.backlog = backlog(5, 9); // the run committed up to 5; 4 records arrived meanwhile
        poller.runEnded("run-1", true); // the dispatcher still holds run-1 for a moment
        time.runDue();
        assertThat(host.written).as("written at the run's end, no poll interval waited").hasSize(2);
        assertThat(host.written.get(1).id()).as("another position, another request")
                .isNotEqualTo(host.written.get(0).id());
    }

    @Test
    void aStopWritesNothingNotEvenWhenItComesWhileKafkaIsAsked() {
        probe.backlog = backlog(0, 5);
        probe.during = () -> poller.close(); // SIGTERM arrives while the poller waits on Kafka
        poller.start();
        time.runDue();
        assertThat(probe.asked).isEqualTo(1);
        assertThat(host.written).as("nothing written once the stop began").isEmpty();
        time.advance(POLL.multipliedBy(10));
        assertThat(probe.asked).as("no look after the stop").isEqualTo(1);
        assertThat(poller.status().state()).isEqualTo("stopped");
        poller.runEnded("run-x", true);
        time.advance(POLL);
        assertThat(host.written).isEmpty();
        assertThat(logged(Level.INFO, "stopped")).isEqualTo(1);
    }

    @Test
    void anUnreachableKafkaIsWarnedOnceWhilePollingGoesOn() {
        probe.down = new InputUnavailableException("Kafka at 127.0.0.1:9 is unreachable (Connection refused). Start "
                + "the broker");
        poller.start();
        time.advance(POLL.multipliedBy(20));
        assertThat(probe.asked).as("asked at every interval").isEqualTo(21);
        assertThat(logged(Level.WARN, "is unreachable")).as("one WARN, not one per poll").isEqualTo(1);
        assertThat(logged.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow()
                .getFormattedMessage()).as("where, why, how to fix, and that polling goes on")
                .contains("127.0.0.1:9", "Connection refused", "Start the broker", "every 1000 ms");
        assertThat(poller.status().state()).isEqualTo("input-unavailable");
        assertThat(poller.status().inputError()).contains("Connection refused");

        probe.down = null;
        probe.backlog = backlog(0, 3);
        time.advance(POLL);
        assertThat(host.written).as("back: the trigger follows").hasSize(1);
        assertThat(logged(Level.INFO, "answers again")).isEqualTo(1);
        assertThat(poller.status().inputError()).isNull();
    }

    @Test
    void failedRunsPauseTheNextTriggerAndAreLoggedOncePerStreak() {
        probe.backlog = backlog(0, 5);
        poller.start();
        time.runDue();
        host.claimAndStart("run-1");

        host.running = null;
        poller.runEnded("run-1", false);
        time.runDue();
        assertThat(host.written).as("no trigger right after a failure").hasSize(1);
        host.waiting = false; // the failed trigger went to failed/
        time.advance(POLL.minusMillis(10));
        assertThat(host.written).as("not before one interval").hasSize(1);
        time.advance(Duration.ofMillis(10));
        assertThat(host.written).as("one interval after the failure").hasSize(2);
        assertThat(host.written.get(1).id()).as("the offsets did not move: the same request again")
                .isEqualTo(host.written.get(0).id());

        for (int n = 2; n <= 5; n++) {
            host.claimAndStart("run-" + n);
            host.running = null;
            poller.runEnded("run-" + n, false);
            host.waiting = false;
            long pause = new FailurePause(POLL, Duration.ofSeconds(8)).after(n).toMillis();
            time.advance(Duration.ofMillis(pause - 10));
            assertThat(host.written).as("pause after %s failures: %s ms", n, pause).hasSize(n);
            time.advance(Duration.ofMillis(10));
            assertThat(host.written).hasSize(n + 1);
        }
        assertThat(logged(Level.WARN, "failed")).as("the streak is logged once").isEqualTo(1);
        assertThat(poller.status().consecutiveFailures()).isEqualTo(5);

        host.claimAndStart("run-6");
        probe.backlog = backlog(5, 6);
        poller.runEnded("run-6", true);
        time.runDue();
        assertThat(host.written).as("a success ends the pause").hasSize(7);
        assertThat(logged(Level.INFO, "succeeded after 5 failed")).isEqualTo(1);
    }

    @Test
    void anIdThatAlreadySucceededIsDerivedFurtherAndTheSameForEveryRunner() {
        probe.backlog = backlog(0, 5);
        String base = new ContinuousTriggers("bronze", PARAMS).request(probe.backlog, id -> Optional.empty())
                .orElseThrow().id();
        host.succeeded.put(base, "bronze-old-run"); // e.g. bronze's checkpoint was reset since
        poller.start();
        time.runDue();
        assertThat(host.written).hasSize(1);
        String derived = host.written.get(0).id();
        assertThat(derived).isNotEqualTo(base).matches("bronze-cont-[0-9a-f]{16}");
        assertThat(new ContinuousTriggers("bronze", PARAMS).request(probe.backlog, host::succeededRun)
                .orElseThrow().id()).as("another runner reading the same ledger derives the same id")
                .isEqualTo(derived);
    }

    @Test
    void runsThatLeaveThePositionUnchangedAreNotRepeatedInALoop() {
        probe.backlog = backlog(0, 5);
        String base = new ContinuousTriggers("bronze", PARAMS).request(probe.backlog, id -> Optional.empty())
                .orElseThrow().id();
        host.succeeded.put(base, "bronze-run-1");
        String derived = new ContinuousTriggers("bronze", PARAMS).request(probe.backlog, host::succeededRun)
                .orElseThrow().id();
        host.succeeded.put(derived, "bronze-run-2"); // e.g. continuous mode reads another checkpoint than bronze's
        poller.start();
        time.advance(POLL.multipliedBy(10));
        assertThat(host.written).as("no trigger for a position two runs left unchanged").isEmpty();
        assertThat(logged(Level.WARN, "two bronze runs succeeded")).as("said once").isEqualTo(1);
        assertThat(poller.status().state()).isEqualTo("stuck");

        probe.backlog = backlog(3, 8); // the position moved (e.g. a run by hand)
        time.advance(POLL);
        assertThat(host.written).hasSize(1);
    }

    /** Two runners' pollers on one trigger root: the same id, so at most one trigger file waits for the request. */
    @Test
    void twoPollersOnOneRootWriteOneTrigger(@TempDir Path dir) throws Exception {
        TriggerRoot root = new TriggerRoot(dir.toRealPath().resolve("triggers"));
        root.prepare();
        probe.backlog = backlog(40, 90);
        ContinuousHost a = new RootHost(root);
        ContinuousHost b = new RootHost(root);
        try (ContinuousPoller first = poller(a, probe); ContinuousPoller second = poller(b, probe)) {
            first.start();
            second.start();
            time.runDue();
            time.advance(POLL.multipliedBy(3));
            assertThat(incoming(root)).as("the second poller saw the first one's trigger waiting").hasSize(1);
        }

        // both looked before either wrote (the race the outstanding check cannot close): one name, one file
        Files.delete(incoming(root).get(0));
        ContinuousHost blind = new RootHost(root) {
            @Override
            public boolean outstanding(String job, String endedRunId) {
                return false;
            }
        };
        try (ContinuousPoller first = poller(blind, probe); ContinuousPoller second = poller(blind, probe)) {
            first.start();
            second.start();
            time.runDue();
            List<Path> files = incoming(root);
            assertThat(files).as("two writes of one id are one file").hasSize(1);
            assertThat(first.written() + second.written()).isEqualTo(2);
            byte[] content = Files.readAllBytes(files.get(0));
            TriggerRequest parsed = new TriggerParser(65536).parse(files.get(0).getFileName().toString(), content,
                    0);
            assertThat(parsed.requestedBy()).isEqualTo("continuous");
            assertThat(parsed.id()).isEqualTo(first.status().lastTriggerId()).isEqualTo(
                    second.status().lastTriggerId());
        }
    }

    private static List<Path> incoming(TriggerRoot root) throws IOException {
        try (Stream<Path> s = Files.list(root.incoming())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".trigger")).toList();
        }
    }

    /** The parts of the real host that touch the root: its listing and the trigger writer. */
    static class RootHost implements ContinuousHost {
        private final TriggerRoot root;

        RootHost(TriggerRoot root) {
            this.root = root;
        }

        @Override
        public boolean outstanding(String job, String endedRunId) {
            return root.holdsJob(job);
        }

        @Override
        public Optional<String> succeededRun(String triggerId) {
            return Optional.empty();
        }

        @Override
        public void write(TriggerRequest request) throws IOException {
            TriggerWriter.write(root.require(Folder.INCOMING), request);
        }
    }
}
