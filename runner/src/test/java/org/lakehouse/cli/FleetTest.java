package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/**
 * Several runner processes on one trigger root, for real: fleet-wide idempotency, a survivor taking over a dead
 * runner's claims while it runs, and kill -9 at every point between a job's end and its trigger's deletion with
 * chaining on.
 */
class FleetTest {
    private static final String[] QUICK = {"--set", "warm-up=false", "--http-port", "-1",
        "--set", "rescan-interval-ms=300"};

    private static String[] args(Path root, String... more) {
        List<String> a = new ArrayList<>(List.of("--trigger-root", root.toString()));
        a.addAll(List.of(QUICK));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static List<LedgerEntry> ledger(Path root) throws IOException {
        return LedgerReader.all(LedgerReader.file(root.resolve("ledger")));
    }

    private static long count(List<LedgerEntry> ledger, LedgerEvent event, String id) {
        return ledger.stream().filter(e -> e.event() == event && e.triggerIds().contains(id)).count();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void awaitWatching(RunnerProcess... runners) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (RunnerProcess r : runners) {
                assertThat(r.log()).as("a runner's log").contains("watching");
            }
        });
    }

    @Test
    void fiveHundredTriggersOfAHundredIdsOnTwoRunnersRunEachIdOnce(@TempDir Path dir) throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        try (RunnerProcess a = RunnerProcess.start(dir.resolve("a.log"), null, args(root));
                RunnerProcess b = RunnerProcess.start(dir.resolve("b.log"), null, args(root))) {
            awaitWatching(a, b);
            List<Integer> order = new ArrayList<>();
            for (int copy = 0; copy < 5; copy++) {
                for (int id = 0; id < 100; id++) {
                    order.add(copy * 1000 + id);
                }
            }
            Collections.shuffle(order, new java.util.Random(7));
            Path incoming = root.resolve("incoming");
            for (int n : order) {
                String id = "fleet-" + (n % 1000);
                Path tmp = incoming.resolve(".noop." + id + "-" + n / 1000 + ".tmp");
                Files.writeString(tmp, "{\"id\": \"" + id + "\", \"params\": {\"sleep_ms\": \"5\"}}");
                Files.move(tmp, incoming.resolve("noop." + id + "-" + n / 1000 + ".trigger"),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
                assertThat(files(incoming)).as("incoming/").isEmpty();
                assertThat(files(root.resolve("claimed"))).as("claimed/").isEmpty();
            });
            List<LedgerEntry> ledger = ledger(root);
            for (int id = 0; id < 100; id++) {
                String tid = "fleet-" + id;
                assertThat(count(ledger, LedgerEvent.SUCCEEDED, tid)).as("successful runs of %s", tid).isEqualTo(1);
                assertThat(count(ledger, LedgerEvent.DUPLICATE, tid)).as("DUPLICATE answers of %s", tid)
                        .isEqualTo(4);
                assertThat(new ResultStore(root.resolve("results")).read(tid)).as("result of %s", tid).isPresent();
            }
            assertThat(ledger.stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED).map(LedgerEntry::runnerId)
                    .distinct().count()).as("both runners served triggers").isEqualTo(2);
            assertThat(a.log() + b.log()).doesNotContain("Exception");
        }
    }

    @Test
    void aSurvivorFinishesTheTriggerOfARunnerKilledMidRunOnceWithinTwoLeaseTerms(@TempDir Path dir)
            throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        String[] settings = args(root, "--set", "lease-ms=5000");
        try (RunnerProcess a = RunnerProcess.start(dir.resolve("a.log"), null, settings);
                RunnerProcess b = RunnerProcess.start(dir.resolve("b.log"), null, settings)) {
            awaitWatching(a, b);
            TriggerWriter.write(root.resolve("incoming"), TriggerRequest.of("noop", "long", Map.of("sleep_ms",
                    "3000")));
            LedgerEntry started = await().atMost(Duration.ofSeconds(30)).until(() -> ledger(root).stream()
                    .filter(e -> e.event() == LedgerEvent.STARTED).findFirst(), java.util.Optional::isPresent).get();
            RunnerProcess victim = started.runnerId().equals(a.runnerId().orElseThrow()) ? a : b;
            RunnerProcess survivor = victim == a ? b : a;
            victim.kill9();
            long killedAt = System.nanoTime();
            ResultStore results = new ResultStore(root.resolve("results"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(results.read("long"))
                    .as("the survivor's result, within two lease terms of the kill; survivor's log:\n%s",
                            survivor.log()).hasValueSatisfying(r -> assertThat(r.status())
                                    .isEqualTo(ResultStatus.SUCCEEDED)));
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
            List<LedgerEntry> ledger = ledger(root);
            assertThat(count(ledger, LedgerEvent.SUCCEEDED, "long")).as("one success").isEqualTo(1);
            assertThat(ledger).as("the dead runner's run is closed").anySatisfy(e -> {
                assertThat(e.event()).isEqualTo(LedgerEvent.ABANDONED);
                assertThat(e.runId()).isEqualTo(started.runId());
            });
            assertThat(ledger.stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED).findFirst().orElseThrow()
                    .runnerId()).as("served by the survivor").isEqualTo(survivor.runnerId().orElseThrow());
            assertThat(survivor.alive()).as("the survivor was never restarted").isTrue();
            assertThat(files(root.resolve("claimed"))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-claim", "after-job-finished", "after-success-recorded", "after-chain-written",
        "after-result-written"})
    void killedAtAnyPointBetweenJobEndAndTriggerDeletionTheNextJobRunsExactlyOnce(String point, @TempDir Path dir)
            throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        List<String> jvm = List.of("-Dlakehouse.noop.jobs=noop_next");
        String[] settings = args(root, "--set", "chain=noop>noop_next");
        try (RunnerProcess crashing = RunnerProcess.startWith(dir.resolve("crash.log"),
                List.of(jvm.get(0), "-Dlakehouse.fault.halt-at=" + point), settings)) {
            awaitWatching(crashing);
            TriggerWriter.write(root.resolve("incoming"), TriggerRequest.of("noop", "first", Map.of()));
            assertThat(crashing.waitFor(60)).as("halted at %s; log:\n%s", point, crashing.log()).isEqualTo(137);
        }
        try (RunnerProcess next = RunnerProcess.startWith(dir.resolve("next.log"), jvm, settings)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<LedgerEntry> ledger = ledger(root);
                assertThat(ledger.stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED && "noop_next"
                        .equals(e.job())).count()).as("runs of the chained job after a crash at %s; log:\n%s", point,
                                next.log()).isEqualTo(1);
                assertThat(files(root.resolve("incoming"))).as("incoming/").isEmpty();
                assertThat(files(root.resolve("claimed"))).as("claimed/").isEmpty();
            });
            List<LedgerEntry> ledger = ledger(root);
            assertThat(count(ledger, LedgerEvent.SUCCEEDED, "first")).as("the first job succeeded once")
                    .isEqualTo(1);
            assertThat(ledger.stream().filter(e -> e.event() == LedgerEvent.STARTED && "noop_next".equals(e.job()))
                    .count()).as("the chained job started once").isEqualTo(1);
            assertThat(new ResultStore(root.resolve("results")).read("first")).as("the first trigger's answer")
                    .hasValueSatisfying(r -> assertThat(r.status()).isIn(ResultStatus.SUCCEEDED,
                            ResultStatus.DUPLICATE));
            Map<LedgerEvent, Long> events = ledger.stream().collect(Collectors.groupingBy(LedgerEntry::event,
                    Collectors.counting()));
            assertThat(events).doesNotContainKey(LedgerEvent.FAILED);
        }
    }
}
