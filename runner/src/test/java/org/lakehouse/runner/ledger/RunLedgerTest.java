package org.lakehouse.runner.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared ledger: torn and foreign lines, several writers, the snapshot, and paging from the end. */
class RunLedgerTest {
    @TempDir
    Path dir;

    private static LedgerEntry succeeded(String runId, String... ids) {
        return new LedgerEntry(Instant.parse("2026-12-07T10:00:00Z"), LedgerEvent.SUCCEEDED, "noop", runId,
                List.of(ids), 1, "runner-a", null, null, 5L, null, null, null);
    }

    private static LedgerEntry started(String runId, String runner, String... ids) {
        return new LedgerEntry(Instant.parse("2026-12-07T10:00:00Z"), LedgerEvent.STARTED, "noop", runId,
                List.of(ids), 1, runner, null, Map.of(), null, null, null, null);
    }

    private Path log() {
        return dir.resolve(RunLedger.FILE);
    }

    @Test
    void aLastLineTornInsideAMultiByteCharacterIsSkippedAndTheNextLineStaysWhole() throws Exception {
        try (RunLedger ledger = RunLedger.open(dir)) {
            ledger.append(succeeded("run-1", "a"));
        }
        byte[] line = LedgerLines.encode(new LedgerEntry(Instant.now(), LedgerEvent.FAILED, "noop", "run-2",
                List.of("b"), 1, "r", null, null, null, null, "café ☕ broken", null));
        int cup = 0;
        while (line[cup] != (byte) 0xE2) { // the first byte of the 3-byte character
            cup++;
        }
        Files.write(log(), java.util.Arrays.copyOf(line, cup + 1), StandardOpenOption.APPEND);
        try (RunLedger ledger = RunLedger.open(dir)) {
            assertThat(ledger.succeededRun("a")).as("entries before the torn line").contains("run-1");
            ledger.append(succeeded("run-3", "c"));
        }
        try (RunLedger ledger = RunLedger.open(dir)) {
            assertThat(ledger.succeededRun("c")).as("the line after the torn one is whole").contains("run-3");
        }
        assertThat(LedgerReader.all(log())).extracting(LedgerEntry::runId).containsExactly("run-1", "run-3");
    }

    @Test
    void linesOfANewerVersionAndForeignLinesAreSkipped() throws Exception {
        Files.writeString(log(), String.join("\n",
                "{\"v\":2,\"at\":\"2026-12-07T10:00:00Z\",\"event\":\"SUCCEEDED\",\"trigger_ids\":[\"new\"]}",
                "not json at all",
                "{\"event\":\"SOMETHING_NEW\",\"trigger_ids\":[\"x\"]}",
                "[1,2,3]",
                "{\"at\":\"2026-12-07T10:00:00Z\",\"event\":\"SUCCEEDED\",\"run_id\":\"old-1\",\"trigger_ids\":[\"old\"]}",
                ""));
        try (RunLedger ledger = RunLedger.open(dir)) {
            assertThat(ledger.succeededRun("new")).as("a newer version's line").isEmpty();
            assertThat(ledger.succeededRun("x")).isEmpty();
            assertThat(ledger.succeededRun("old")).as("a line without a version is version 1").contains("old-1");
            ledger.append(succeeded("run-9", "nine"));
        }
        assertThat(Files.readString(log())).as("lines are written with their version")
                .contains("{\"v\":1,\"at\":");
    }

    @Test
    void twoLedgersOnOneFileSeeEachOthersEntries() throws Exception {
        try (RunLedger a = RunLedger.open(dir); RunLedger b = RunLedger.open(dir)) {
            a.append(started("run-a", "runner-a", "shared"));
            Optional<LedgerEntry> seen = b.exclusive(view -> view.openRunOf("shared"));
            assertThat(seen).as("b sees a's open run inside its decision").isPresent();
            a.append(succeeded("run-a", "shared"));
            Optional<String> success = b.exclusive(view -> view.succeededRun("shared"));
            assertThat(success).contains("run-a");
            Optional<LedgerEntry> open = b.exclusive(view -> view.openRunOf("shared"));
            assertThat(open).as("closed by a's success").isEmpty();
        }
    }

    @Test
    void concurrentAppendersInTwoProcessesLoseAndTearNothing() throws Exception {
        int n = 400;
        List<Process> writers = new ArrayList<>();
        for (String who : List.of("p1", "p2")) {
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LedgerAppender.class.getName(), dir.toString(),
                    who, String.valueOf(n)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(who + ".log").toFile()).start());
        }
        for (Process p : writers) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the writer ended").isTrue();
            assertThat(p.exitValue()).as("a writer's exit code").isZero();
        }
        List<LedgerEntry> all = LedgerReader.all(log());
        assertThat(all).as("every line of both writers, whole").hasSize(2 * n);
        long lines = Files.readAllLines(log()).size();
        assertThat(lines).as("no line was torn or merged").isEqualTo(2L * n);
        try (RunLedger ledger = RunLedger.open(dir)) {
            IntStream.range(0, n).forEach(i -> {
                assertThat(ledger.succeededRun("p1-" + i)).contains("p1-run-" + i);
                assertThat(ledger.succeededRun("p2-" + i)).contains("p2-run-" + i);
            });
        }
    }

    @Test
    void aSnapshotBoundsTheStartAndAgreesWithAFullReplay() throws Exception {
        try (RunLedger ledger = RunLedger.open(dir)) {
            for (int i = 0; i < 50; i++) {
                ledger.append(succeeded("run-" + i, "id-" + i));
            }
            ledger.append(started("run-open", "runner-x", "busy"));
            ledger.compact();
            ledger.append(succeeded("run-late", "late"));
        }
        assertThat(dir.resolve(LedgerSnapshot.FILE)).exists();
        try (RunLedger ledger = RunLedger.open(dir)) {
            assertThat(ledger.succeededRun("id-7")).as("from the snapshot").contains("run-7");
            assertThat(ledger.succeededRun("late")).as("from the log after it").contains("run-late");
            assertThat(ledger.openRuns()).extracting(LedgerEntry::runId).containsExactly("run-open");
            assertThat(ledger.entries()).isEqualTo(52);
            assertThat(ledger.lastSuccess("noop")).isPresent();
        }
        Files.writeString(dir.resolve(LedgerSnapshot.FILE), "damaged");
        try (RunLedger ledger = RunLedger.open(dir)) {
            assertThat(ledger.succeededRun("id-7")).as("a damaged snapshot: the log is replayed").contains("run-7");
        }
    }

    @Test
    void pagesAreReadFromTheEndNewestFirst() throws Exception {
        try (RunLedger ledger = RunLedger.open(dir)) {
            for (int i = 0; i < 3000; i++) {
                ledger.append(i % 3 == 0 ? succeeded("run-" + i, "id-" + i) : started("run-" + i, "r", "id-" + i));
            }
        }
        Files.writeString(log(), "{\"v\":1,\"at\":\"2026-12-07T1", StandardOpenOption.APPEND); // being written
        List<LedgerEntry> page = LedgerReader.newest(log(), 0, 5, e -> true, 1000);
        assertThat(page).extracting(LedgerEntry::runId).containsExactly("run-2999", "run-2998", "run-2997",
                "run-2996", "run-2995");
        List<LedgerEntry> ok = LedgerReader.newest(log(), 2, 3, e -> e.event() == LedgerEvent.SUCCEEDED, 100_000);
        assertThat(ok).extracting(LedgerEntry::runId).containsExactly("run-2991", "run-2988", "run-2985");
        List<LedgerEntry> everything = LedgerReader.newest(log(), 0, 10_000, e -> true, 100_000);
        assertThat(everything).hasSize(3000);
        assertThat(everything.get(2999).runId()).as("the file's first line").isEqualTo("run-0");
        assertThat(LedgerReader.newest(log(), 0, 10, e -> false, 50)).as("the scan is capped").isEmpty();
    }

    @Test
    void nothingThereIsAnEmptyLedger() throws IOException {
        assertThat(LedgerReader.all(dir.resolve("none.jsonl"))).isEmpty();
        assertThat(LedgerReader.newest(dir.resolve("none.jsonl"), 0, 5, e -> true, 10)).isEmpty();
    }
}
