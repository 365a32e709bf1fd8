package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/** The trigger protocol v1 end to end, on a real directory with real watches, with Spark-free jobs. */
class RunnerProtocolTest extends RunnerTestBase {
    private TestRoot start(Map<String, String> settings, boolean watch) throws Exception {
        TestRoot root = new TestRoot(temp, settings);
        startRunner(root, watch);
        return root;
    }

    private TestRoot start() throws Exception {
        return start(Map.of(), true);
    }

    @Test
    void emptyTriggerRunsTheJobWithDefaultsThenIsDeleted() throws Exception {
        TestRoot root = start();
        Files.createFile(root.incoming("silver.trigger"));
        await().atMost(Duration.ofSeconds(10)).until(() -> root.files(root.config.results()).size() == 1);
        String id = root.files(root.config.results()).get(0).replace(".json", "");
        RunResult r = root.awaitResult(id);
        assertThat(r.status()).as("an empty trigger's outcome").isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(r.job()).isEqualTo("silver");
        assertThat(r.metrics().rowsIn()).as("the job's metrics are in the result").isEqualTo(10);
        assertThat(r.runnerVersion()).isNotBlank();
        assertThat(launcher.launches).singleElement().satisfies(l -> assertThat(l.params()).isEmpty());
        await().untilAsserted(() -> assertThat(root.files(root.config.incoming())).as("incoming").isEmpty());
        assertThat(root.files(root.config.claimed())).as("claimed/ after the commit").isEmpty();
    }

    @Test
    void slowWriterStraightIntoIncomingGivesOneRunWithTheFullParams() throws Exception {
        // 20 writes 50 ms apart: a settle time well above the gaps, so a stalled writer thread on a loaded machine
        // does not look like an abandoned file
        TestRoot root = start(Map.of("settle-ms", "3000"), true);
        String json = "{\"id\": \"slow-1\", \"params\": {\"sleep_ms\": \"1\"}, \"requested_by\": \"a slow writer\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int chunks = 20;
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger written = new AtomicInteger();
        try (OutputStream out = Files.newOutputStream(root.incoming("noop.slow.trigger"))) {
            writer.scheduleAtFixedRate(() -> {
                int i = written.get();
                if (i >= chunks) {
                    return;
                }
                int from = bytes.length * i / chunks;
                int to = bytes.length * (i + 1) / chunks;
                try {
                    out.write(bytes, from, to - from);
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                written.incrementAndGet();
            }, 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() == chunks);
        } finally {
            writer.shutdownNow();
        }
        RunResult r = root.awaitResult("slow-1");
        assertThat(r.status()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(r.requestedBy()).isEqualTo("a slow writer");
        assertThat(launcher.launches).as("one run, with the params of the complete file").singleElement()
                .satisfies(l -> assertThat(l.params()).isEqualTo(Map.of("sleep_ms", "1")));
        assertThat(root.files(root.config.failed())).as("nothing rejected on the way").isEmpty();
    }

    @Test
    void temporaryNamesAreNeverClaimedUntilRenamed() throws Exception {
        TestRoot root = start();
        Path tmp = root.incoming(".noop.x.trigger.tmp");
        Files.writeString(tmp, "{\"id\": \"renamed-1\"}");
        for (String other : List.of("noop.a.trigger.part", "noop.b.trigger.swp", "noop.c.trigger~",
                "noop.d.trigger.tmp")) {
            Files.writeString(root.incoming(other), "{}");
        }
        // a rescan passes over them: a later trigger runs while they stay
        root.drop("noop.marker.trigger", "{\"id\": \"marker\"}");
        root.awaitResult("marker");
        afterRescans(2);
        assertThat(root.files(root.config.incoming())).as("files still being written").hasSize(5);
        Files.move(tmp, root.incoming("noop.x.trigger"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(root.awaitResult("renamed-1").status()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(launcher.launches).as("the marker and the renamed trigger").hasSize(2);
    }

    @Test
    void twoThousandTriggersAtOnceAreEachServedExactlyOnce() throws Exception {
        TestRoot root = start(Map.of("max-concurrent-jobs", "2"), true);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            TriggerWriter.write(root.config.incoming(), TriggerRequest.of(i % 2 == 0 ? "bronze" : "silver",
                    "burst-" + i, Map.of()));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> root.files(root.config.results()).size() == n);
        List<LedgerEntry> ledger = root.ledger();
        Map<String, Long> servedBy = ledger.stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED)
                .flatMap(e -> e.triggerIds().stream()).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(servedBy).as("every trigger served by exactly one successful run").hasSize(n)
                .allSatisfy((id, runs) -> assertThat(runs).as(id).isEqualTo(1L));
        assertThat(launcher.launches.size()).as("coalesced: fewer runs than triggers").isLessThanOrEqualTo(n);
        assertThat(root.files(root.config.incoming())).isEmpty();
        assertThat(root.files(root.config.claimed())).isEmpty();
        assertThat(root.files(root.config.failed())).isEmpty();
    }

    @Test
    void suppressedWatchEventsArePickedUpByTheRescan() throws Exception {
        TestRoot root = start(Map.of("rescan-interval-ms", "300"), false);
        root.drop("noop.trigger", "{\"id\": \"unwatched\"}");
        assertThat(root.awaitResult("unwatched").status()).isEqualTo(ResultStatus.SUCCEEDED);
    }

    @Test
    void triggersPresentBeforeStartUpRunOnce() throws Exception {
        TestRoot root = new TestRoot(temp, Map.of());
        root.drop("noop.early.trigger", "{\"id\": \"early\"}");
        Files.createFile(root.incoming("bronze.trigger"));
        startRunner(root, true);
        assertThat(root.awaitResult("early").status()).isEqualTo(ResultStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> launcher.launchesOf("bronze") == 1);
        afterRescans(2);
        assertThat(launcher.launches).as("each trigger ran once").hasSize(2);
    }

    @Test
    void oneFileGivingSeveralEventsRunsOnce() throws Exception {
        TestRoot root = start(Map.of("settle-ms", "2000"), true);
        Path file = root.incoming("noop.events.trigger");
        Files.writeString(file, "{\"id\": \"many-events\",");
        Files.writeString(file, " \"params\": {}}", java.nio.file.StandardOpenOption.APPEND);
        touchRepeatedlyUntilClaimed(file);
        assertThat(root.awaitResult("many-events").status()).isEqualTo(ResultStatus.SUCCEEDED);
        afterRescans(2);
        assertThat(launcher.launches).as("one run").hasSize(1);
        assertThat(root.count(LedgerEvent.STARTED)).as("runs in the ledger").isEqualTo(1);
    }

    @Test
    void failingJobRetriesThenMovesToFailedWithItsErrorFileAndStops() throws Exception {
        TestRoot root = start(Map.of("max-attempts", "3"), true);
        root.drop("noop.fails.trigger", "{\"id\": \"fails\", \"params\": {\"fail\": \"retriable\"}}");
        RunResult r = root.awaitResult("fails");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.attempt()).as("attempts").isEqualTo(3);
        assertThat(r.error()).contains("failed on purpose");
        assertThat(root.files(root.config.failed())).containsExactly("fails.error.json", "fails.trigger");
        String error = Files.readString(root.config.failed().resolve("fails.error.json"));
        assertThat(error).contains("\"kind\" : \"failed\"").contains("failed on purpose").contains("stack_tail")
                .contains("noop.fails.trigger");
        afterRescans(2);
        assertThat(launcher.launches).as("three attempts, then never again").hasSize(3);
        assertThat(root.count(LedgerEvent.RETRYING)).isEqualTo(2);
        assertThat(root.count(LedgerEvent.FAILED)).isEqualTo(1);
    }

    @Test
    void fatalFailuresAreNotRetried() throws Exception {
        TestRoot root = start(Map.of("max-attempts", "5"), true);
        root.drop("noop.fatal.trigger", "{\"id\": \"fatal\", \"params\": {\"fail\": \"fatal\"}}");
        assertThat(root.awaitResult("fatal").attempt()).as("attempts of a non-retriable failure").isEqualTo(1);
    }

    @Test
    void sameIdAgainAnswersDuplicateNamingTheOriginalRun() throws Exception {
        TestRoot root = start();
        root.drop("gold.first.trigger", "{\"id\": \"gold-once\"}");
        RunResult first = root.awaitResult("gold-once");
        Files.delete(root.config.results().resolve("gold-once.json"));
        root.drop("gold.again.trigger", "{\"id\": \"gold-once\"}");
        RunResult again = root.awaitResult("gold-once");
        assertThat(again.status()).isEqualTo(ResultStatus.DUPLICATE);
        assertThat(again.originalRunId()).isEqualTo(first.runId());
        assertThat(launcher.launchesOf("gold")).as("gold ran once").isEqualTo(1);
        await().untilAsserted(() -> assertThat(root.files(root.config.incoming())).isEmpty());
    }

    @Test
    void duplicateSurvivesARestart() throws Exception {
        TestRoot root = start();
        root.drop("noop.trigger", "{\"id\": \"across-restarts\"}");
        String run = root.awaitResult("across-restarts").runId();
        runner.close();
        Files.delete(root.config.results().resolve("across-restarts.json"));
        startRunner(root, true);
        root.drop("noop.trigger", "{\"id\": \"across-restarts\"}");
        RunResult again = root.awaitResult("across-restarts");
        assertThat(again.status()).isEqualTo(ResultStatus.DUPLICATE);
        assertThat(again.originalRunId()).isEqualTo(run);
    }

    @Test
    void aTriggerVanishingBeforeItSettlesCausesNoHarm() throws Exception {
        TestRoot root = start(Map.of("settle-ms", "400"), true);
        Path file = root.incoming("noop.vanishing.trigger");
        Files.writeString(file, "{\"id\": \"never-compl");
        Files.delete(file);
        root.drop("noop.after.trigger", "{\"id\": \"after\"}");
        assertThat(root.awaitResult("after").status()).isEqualTo(ResultStatus.SUCCEEDED);
        afterRescans(2);
        assertThat(root.files(root.config.failed())).as("nothing to reject").isEmpty();
    }

    @Test
    void coalescesTriggersThatArriveWhileTheJobRuns() throws Exception {
        TestRoot root = start(Map.of("max-concurrent-jobs", "1"), true);
        root.drop("noop.long.trigger", "{\"id\": \"long\", \"params\": {\"sleep_ms\": \"1500\"}}");
        await().atMost(Duration.ofSeconds(5)).until(() -> launcher.launches.size() == 1);
        for (int i = 0; i < 5; i++) {
            root.drop("noop.c" + i + ".trigger", "{\"id\": \"c" + i + "\"}");
        }
        root.drop("bronze.other.trigger", "{\"id\": \"other\"}");
        Set<String> runs = IntStream.range(0, 5).mapToObj(i -> root.awaitResult("c" + i).runId())
                .collect(Collectors.toSet());
        assertThat(runs).as("the five waiting triggers were served by one run").hasSize(1);
        assertThat(root.awaitResult("long").runId()).isNotIn(runs);
        assertThat(root.awaitResult("other").status()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(launcher.launches).as("long, the coalesced run, bronze").hasSize(3);
    }

    @Test
    void chainingRunsBronzeSilverGoldOnceEach() throws Exception {
        TestRoot root = start(Map.of("chain", "bronze>silver,silver>gold"), true);
        root.drop("bronze.trigger", "{\"id\": \"chain-start\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> launcher.launchesOf("gold") == 1);
        afterRescans(2);
        assertThat(launcher.launches).as("one run per job").hasSize(3);
        assertThat(launcher.launches.stream().map(l -> l.job()).toList())
                .containsExactly("bronze", "silver", "gold");
        assertThat(root.ledger().stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED && e.job().equals("gold")))
                .singleElement().satisfies(e -> assertThat(e.triggerIds().get(0)).startsWith("silver-"));
    }

    @Test
    void notBeforeDelaysTheRun() throws Exception {
        TestRoot root = start();
        java.time.Instant due = java.time.Instant.now().plusMillis(800);
        root.drop("noop.later.trigger", "{\"id\": \"later\", \"not_before\": \"" + due + "\"}");
        RunResult r = root.awaitResult("later");
        assertThat(r.startedAt()).as("started no earlier than not_before").isAfterOrEqualTo(due);
    }

    /** More events for the same file; the runner may claim it (the JSON is complete) at any point in between. */
    private static void touchRepeatedlyUntilClaimed(Path file) throws IOException {
        for (int i = 0; i < 5; i++) {
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - i));
            } catch (NoSuchFileException claimed) {
                return;
            }
        }
    }
}
