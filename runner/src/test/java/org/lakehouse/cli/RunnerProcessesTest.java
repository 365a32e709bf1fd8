package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/** Runner processes for real: two on one trigger root, and SIGTERM in the middle of a run. */
class RunnerProcessesTest {
    private static final String[] NOOP_ONLY = {"--set", "warm-up=false", "--http-port", "-1",
        "--set", "rescan-interval-ms=500"};

    private static String[] args(Path root, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("--trigger-root", root.toString()));
        a.addAll(List.of(NOOP_ONLY));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static List<LedgerEntry> ledger(Path root) throws Exception {
        return RunLedger.read(root.resolve("ledger").resolve(RunLedger.FILE));
    }

    @Test
    void twoRunnerProcessesClaimEachOfAHundredTriggersOnce(@TempDir Path dir) throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        try (RunnerProcess a = RunnerProcess.start(dir.resolve("a.log"), null, args(root));
                RunnerProcess b = RunnerProcess.start(dir.resolve("b.log"), null, args(root))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(a.log()).as("runner a's log").contains("watching");
                assertThat(b.log()).as("runner b's log").contains("watching");
            });
            for (int i = 0; i < 100; i++) {
                TriggerWriter.write(root.resolve("incoming"), TriggerRequest.of("noop", "two-" + i,
                        Map.of("sleep_ms", "10")));
            }
            ResultStore results = new ResultStore(root.resolve("results"));
            await().atMost(Duration.ofSeconds(120)).until(() -> IntStream.range(0, 100)
                    .allMatch(i -> Files.exists(results.path("two-" + i))));
            Map<String, Long> served = ledger(root).stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED)
                    .flatMap(e -> e.triggerIds().stream())
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(served).as("each trigger served by exactly one run, across both runners").hasSize(100)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(ledger(root).stream().filter(e -> e.event() == LedgerEvent.STARTED)
                    .flatMap(e -> e.triggerIds().stream()).count()).as("no trigger started twice").isEqualTo(100);
            assertThat(Files.list(root.resolve("claimed")).count()).isZero();
        }
    }

    @Test
    void sigtermDuringARunStopsCleanlyAndTheRunIsRecoveredOnRestart(@TempDir Path dir) throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        try (RunnerProcess first = RunnerProcess.start(dir.resolve("first.log"), null,
                args(root, "--set", "stop-timeout-ms=500"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.log().contains("watching"));
            TriggerWriter.write(root.resolve("incoming"), TriggerRequest.of("noop", "long-run",
                    Map.of("sleep_ms", "4000")));
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger(root).stream()
                    .anyMatch(e -> e.event() == LedgerEvent.STARTED));
            first.terminate();
            assertThat(first.waitFor(30)).as("exited after SIGTERM; log:\n%s", first.log()).isNotEqualTo(-1);
            assertThat(first.log()).contains("stopping").contains("stay in claimed/").contains("stopped");
            assertThat(Files.list(root.resolve("claimed")).map(p -> p.getFileName().toString()))
                    .as("the unfinished trigger stays claimed").anyMatch(n -> n.endsWith("noop.long-run.trigger"));
            assertThat(ledger(root)).noneMatch(e -> e.event() == LedgerEvent.FAILED);
        }
        try (RunnerProcess second = RunnerProcess.start(dir.resolve("second.log"), null, args(root))) {
            ResultStore results = new ResultStore(root.resolve("results"));
            await().atMost(Duration.ofSeconds(60)).until(() -> results.read("long-run").isPresent());
            assertThat(results.read("long-run").get().status()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(ledger(root)).anyMatch(e -> e.event() == LedgerEvent.ABANDONED);
            assertThat(second.log()).contains("Recovered trigger");
        }
    }
}
