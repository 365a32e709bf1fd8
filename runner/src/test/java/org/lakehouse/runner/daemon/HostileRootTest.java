package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerLines;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.result.ErrorReport;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.slf4j.LoggerFactory;
/**
 * Whatever lands in or around the trigger root, the daemon stays up, stays inside its root (it never reads, writes,
 * moves or deletes anything outside it: {@link Outside} proves that down to access times), answers every trigger
 * (a result, or a rejection in {@code failed/} beside an error file naming the problem) and says so with one WARN
 * per bad thing, never a crash or a hang. One test per class of attack; each ends with a normal trigger answered.
 */
class HostileRootTest extends HostileRootTestBase {
    // ---- 2. Planted or damaged state at start-up --------------------------------------------------------------

    @Test
    void oddEntriesInClaimedAtStartUpAreSetAsideOrRecoveredAndAnswered() throws Exception {
        TestRoot root = root(Map.of());
        Path claimed = root.config.claimed();
        Outside outside = Outside.plant(temp.resolve("outside"), "target.json");
        // names no runner writes: set aside
        Files.writeString(claimed.resolve("runner-gone-9--noop.a\nFORGED LINE.trigger"), "{}");
        Files.createDirectories(claimed.resolve("a-directory").resolve("inside"));
        mkfifo(claimed.resolve("a-fifo"));
        Files.createSymbolicLink(claimed.resolve("dangling"), temp.resolve("nowhere"));
        // the same kinds under the names of a gone runner's claims: recovered, then answered
        mkfifo(claimed.resolve("runner-gone-1--noop.fifo.trigger"));
        Files.createDirectories(claimed.resolve("runner-gone-2--noop.dir.trigger").resolve("inside"));
        Files.createSymbolicLink(claimed.resolve("runner-gone-3--noop.link.trigger"),
                outside.dir.resolve("target.json"));
        Files.writeString(claimed.resolve("runner-gone-4--noop.trigger"), "{\"id\": \"recovered\"}");

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            startRunner(root, true);
            assertThat(root.awaitResult("recovered").status()).as("a gone runner's claim")
                    .isEqualTo(ResultStatus.SUCCEEDED);
            assertRejected(root, "noop.fifo.trigger", "not a regular file");
            assertRejected(root, "noop.dir.trigger", "not a regular file");
            assertRejected(root, "noop.link.trigger", "symbolic link");
            await().untilAsserted(() -> assertThat(root.files(root.config.claimed())).as("claimed/").isEmpty());
            assertThat(root.files(root.config.failed())).as("failed/")
                    .filteredOn(f -> f.startsWith("unclaimed-")).hasSize(4);
            assertAlive(root);
        });
        outside.assertUntouched();
        assertThat(warnings()).as("WARNs").filteredOn(w -> w.startsWith("Moved ")).hasSize(4);
        assertOneWarnPerBadThing();
    }

    @Test
    void heartbeatsThatCannotBeReadAtStartUpCountAsNoLease() throws Exception {
        TestRoot root = root(Map.of());
        Path runners = root.config.root().runners();
        Path claimed = root.config.claimed();
        try (RandomAccessFile big = new RandomAccessFile(runners.resolve("runner-big.json").toFile(), "rw")) {
            big.setLength(64L << 20);
        }
        Files.writeString(claimed.resolve("runner-big-1--noop.big.trigger"), "{\"id\": \"from-big\"}");
        mkfifo(runners.resolve("runner-fifo.json"));
        Files.writeString(claimed.resolve("runner-fifo-1--noop.fifo.trigger"), "{\"id\": \"from-fifo\"}");
        // a lease kept outside the root and linked in: this very process, alive until the end of time
        Owner me = Owner.current("runner-link");
        Outside outside = Outside.plant(temp.resolve("outside"), Map.of("lease.json", "{\"host\": \"" + me.host()
                + "\", \"pid\": " + me.pid() + ", \"runner_id\": \"runner-link\", \"started_at\": \""
                + Instant.now() + "\", \"lease_until\": \"+1000000000-01-01T00:00:00Z\"}"));
        Files.createSymbolicLink(runners.resolve("runner-link.json"), outside.dir.resolve("lease.json"));
        Files.writeString(claimed.resolve("runner-link-1--noop.link.trigger"), "{\"id\": \"from-link\"}");

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            startRunner(root, true);
            for (String id : List.of("from-big", "from-fifo", "from-link")) {
                assertThat(root.awaitResult(id).status()).as("the claim of a runner whose heartbeat cannot be read "
                        + "(%s)", id).isEqualTo(ResultStatus.SUCCEEDED);
            }
            assertAlive(root);
        });
        outside.assertUntouched();
        assertThat(warnings()).as("WARNs").filteredOn(w -> w.contains("unreadable heartbeat")).hasSize(3);
        assertOneWarnPerBadThing();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "last line cut inside a character | torn",
        "a line of a newer version        | newer runner",
    })
    void aDamagedLedgerAtStartUpIsReadAroundTheDamage(String kind, String warning) throws Exception {
        TestRoot root = root(Map.of());
        ByteArrayOutputStream ledger = new ByteArrayOutputStream();
        ledger.write(LedgerLines.encode(success("done-before")));
        if (kind.startsWith("last line")) {
            byte[] torn = ("{\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"event\":\"STARTED\",\"job\":\"noop\","
                    + "\"run_id\":\"r\",\"requested_by\":[\"café").getBytes(StandardCharsets.UTF_8);
            ledger.write(torn, 0, torn.length - 1); // the é cut after its first byte
        } else {
            ledger.write(("{\"v\":2,\"at\":\"2026-01-01T00:00:00Z\",\"event\":\"SUCCEEDED\",\"job\":\"noop\","
                    + "\"run_id\":\"v2\",\"trigger_ids\":[\"v2-id\"],\"shape\":\"of the future\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.write(root.config.ledger().resolve(RunLedger.FILE), ledger.toByteArray());

        startRunner(root, true);
        root.drop("noop.again.trigger", "{\"id\": \"done-before\"}");
        assertThat(root.awaitResult("done-before").status()).as("an id the intact part of the ledger has done")
                .isEqualTo(ResultStatus.DUPLICATE);
        root.drop("noop.v2.trigger", "{\"id\": \"v2-id\"}");
        assertThat(root.awaitResult("v2-id").status()).as("an id only an unreadable line names")
                .isEqualTo(ResultStatus.SUCCEEDED);
        assertAlive(root);
        assertThat(warnings()).as("WARNs").anyMatch(w -> w.contains(warning));
        assertOneWarnPerBadThing();
    }

    @ParameterizedTest(name = "snapshot.tsv: {0}")
    @ValueSource(strings = {"not a snapshot", "invalid UTF-8", "empty", "a cut line", "an offset past the log",
        "a FIFO", "a directory", "a link to a file outside"})
    void aDamagedLedgerSnapshotAtStartUpIsIgnoredForTheLog(String kind) throws Exception {
        TestRoot root = root(Map.of());
        Files.write(root.config.ledger().resolve(RunLedger.FILE), LedgerLines.encode(success("done-before")));
        Path snapshot = root.config.ledger().resolve("snapshot.tsv");
        // a snapshot that, were it read, would say an id the log never saw had succeeded
        String forged = "lakehouse-ledger-snapshot\t1\t0\t1\t-\nS\tforged-id\tforged-run\n";
        Outside outside = Outside.plant(temp.resolve("outside"), Map.of("snapshot.tsv", forged));
        switch (kind) {
            case "not a snapshot" -> Files.writeString(snapshot, "hello\tworld\n");
            case "invalid UTF-8" -> Files.write(snapshot, new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'});
            case "empty" -> Files.createFile(snapshot);
            case "a cut line" -> Files.writeString(snapshot, "lakehouse-ledger-snapshot\t1\t0\t1\t-\nS\tforged-i");
            case "an offset past the log" -> Files.writeString(snapshot, forged.replace("\t0\t1\t", "\t999999\t1\t"));
            case "a FIFO" -> mkfifo(snapshot);
            case "a directory" -> Files.createDirectory(snapshot);
            case "a link to a file outside" -> Files.createSymbolicLink(snapshot, outside.dir.resolve("snapshot.tsv"));
            default -> throw new IllegalArgumentException(kind);
        }

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            startRunner(root, true);
            root.drop("noop.again.trigger", "{\"id\": \"done-before\"}");
            assertThat(root.awaitResult("done-before").status()).as("an id the log has done")
                    .isEqualTo(ResultStatus.DUPLICATE);
            root.drop("noop.forged.trigger", "{\"id\": \"forged-id\"}");
            assertThat(root.awaitResult("forged-id").status()).as("an id only the damaged snapshot names")
                    .isEqualTo(ResultStatus.SUCCEEDED);
            assertAlive(root);
        });
        outside.assertUntouched();
        assertThat(warnings()).as("WARNs").filteredOn(w -> w.contains("snapshot")).hasSize(1);
        assertOneWarnPerBadThing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"runs.jsonl a link outside", "runs.jsonl a FIFO", "runs.jsonl a directory",
        ".lock a link outside", ".lock a FIFO"})
    void aLedgerFileThatIsNoRegularFileRefusesStartUp(String kind) throws Exception {
        TestRoot root = root(Map.of());
        Outside outside = Outside.plant(temp.resolve("outside"), "runs.jsonl");
        String name = kind.substring(0, kind.indexOf(' '));
        Path file = root.config.ledger().resolve(name);
        Files.deleteIfExists(file);
        if (kind.endsWith("link outside")) {
            // to an existing file for the log (appended to), to a missing one for the lock (created)
            Files.createSymbolicLink(file, outside.dir.resolve(name.equals(".lock") ? "lock" : "runs.jsonl"));
        } else if (kind.endsWith("FIFO")) {
            mkfifo(file);
        } else {
            Files.createDirectory(file);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> startRunner(root, true))
                .as("starting on a ledger whose %s", kind).isInstanceOf(RunnerException.class)
                .hasMessageContaining("refuses to start").hasMessageContaining(file.toString()));
        outside.assertUntouched();
    }

    // ---- 3. Sizes and values at the edges ----------------------------------------------------------------------

    @Test
    void aSparseFileOfGigabytesIsRejectedUnread() throws Exception {
        TestRoot root = start(Map.of());
        Path tmp = root.incoming(".sparse.tmp");
        try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
            f.setLength(5L << 30);
        }
        Files.move(tmp, root.incoming("noop.sparse.trigger"));
        assertRejected(root, "noop.sparse.trigger", "over the limit of 65536 bytes");
        assertAlive(root);
    }

    @Test
    void aTriggerOfExactlyTheLimitRunsAndOneByteMoreIsRejected() throws Exception {
        TestRoot root = start(Map.of("max-trigger-bytes", "1024"));
        root.drop("noop.exact.trigger", padded("{\"id\": \"exact\"}", 1024));
        root.drop("noop.over.trigger", padded("{\"id\": \"over\"}", 1025));
        assertThat(root.awaitResult("exact").status()).as("a trigger of exactly max-trigger-bytes")
                .isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(awaitRejection(root, "noop.over.trigger").error()).as("one byte more")
                .contains("over the limit of 1024 bytes");
        assertAlive(root);
    }

    @Test
    void triggerNamesOf255BytesRun() throws Exception {
        TestRoot root = start(Map.of());
        String ascii = "noop." + "x".repeat(242) + ".trigger";
        String utf8 = "noop." + "é".repeat(121) + ".trigger";
        assertThat(ascii.getBytes(StandardCharsets.UTF_8)).as("bytes in the ASCII name").hasSize(255);
        assertThat(utf8.getBytes(StandardCharsets.UTF_8)).as("bytes in the UTF-8 name").hasSize(255);
        drop(root.config.incoming(), ascii, "{\"id\": \"long-ascii\"}");
        drop(root.config.incoming(), utf8, "{\"id\": \"long-utf8\"}");
        assertThat(root.awaitResult("long-ascii").status()).as("255 ASCII bytes").isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(root.awaitResult("long-utf8").status()).as("255 bytes of UTF-8").isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(root.awaitResult("long-utf8").triggerFile()).as("the name in the result, whole").isEqualTo(utf8);
        assertAlive(root);
    }

    @Test
    void notBeforeAtTheEdgesOfTimeNeitherThrowsNorRunsEarly() throws Exception {
        TestRoot root = start(Map.of());
        root.drop("noop.far.trigger", "{\"id\": \"far\", \"not_before\": \"+1000000000-01-01T00:00:00Z\"}");
        root.drop("noop.too-far.trigger", "{\"id\": \"too-far\", \"not_before\": \"+1000000001-01-01T00:00:00Z\"}");
        root.drop("noop.past.trigger", "{\"id\": \"past\", \"not_before\": \"-1000000000-01-01T00:00:00Z\"}");
        assertThat(root.awaitResult("past").status()).as("not_before at the start of time")
                .isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(awaitRejection(root, "noop.too-far.trigger").error()).as("not_before past the end of time")
                .contains("not an ISO-8601");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(messages(Level.INFO))
                .as("INFO lines").anyMatch(m -> m.contains("far") && m.contains("waits until")));
        assertAlive(root);
        assertThat(root.files(root.config.claimed())).as("claimed/: the far trigger waits there").hasSize(1);
        assertThat(root.result("far")).as("the far trigger's result").isEmpty();
        assertThat(root.ledger()).as("ledger lines").noneMatch(e -> e.triggerIds().contains("far"));
        assertThat(events()).as("log events with an exception").noneMatch(e -> e.getThrowableProxy() != null
                || e.getFormattedMessage().contains("Exception"));
        assertOneWarnPerBadThing();
    }

    @Test
    void aTriggerWithAModificationTimeAYearAheadIsTakenWithinTheBound() throws Exception {
        TestRoot root = start(Map.of());
        Path tmp = Files.createFile(root.incoming(".future.tmp"));
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().plus(Duration.ofDays(365))));
        Files.move(tmp, root.incoming("noop.future.trigger"));
        await().atMost(BOUND.plusSeconds(4)).untilAsserted(() -> assertThat(root.files(root.config.results()))
                .as("results/ once the empty trigger from the future is taken").hasSize(1));
        String id = root.files(root.config.results()).get(0).replace(".json", "");
        assertThat(root.awaitResult(id).status()).as("an empty trigger dated a year ahead")
                .isEqualTo(ResultStatus.SUCCEEDED);
        assertAlive(root);
    }

    @Test
    void aWriterThatNeverStopsIsAnsweredWithinTheBound() throws Exception {
        TestRoot root = start(Map.of());
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (OutputStream out = Files.newOutputStream(root.incoming("noop.forever.trigger"))) {
            out.write("{\"id\": \"forever\", \"params\": {".getBytes(StandardCharsets.UTF_8));
            writer.scheduleAtFixedRate(() -> {
                try {
                    out.write(' ');
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, 50, 50, TimeUnit.MILLISECONDS);
            ErrorReport report = awaitRejection(root, "noop.forever.trigger", BOUND.plusSeconds(4));
            assertThat(report.error()).as("the error of a trigger that never became whole").contains("not valid JSON");
            assertThat(root.files(root.config.incoming())).as("incoming/").doesNotContain("noop.forever.trigger");
        } finally {
            writer.shutdownNow();
            assertThat(writer.awaitTermination(5, TimeUnit.SECONDS)).as("the writer stopped").isTrue();
        }
        assertAlive(root);
    }

    @Test
    void aFifoInIncomingIsRejectedWithoutBlocking() throws Exception {
        TestRoot root = start(Map.of());
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            mkfifo(root.incoming("noop.fifo.trigger"));
            assertRejected(root, "noop.fifo.trigger", "not a regular file");
            assertAlive(root);
        });
    }

    @Test
    void aDirectoryNamedLikeATriggerIsRejected() throws Exception {
        TestRoot root = start(Map.of());
        Path tmp = Files.createDirectories(root.incoming(".dir.tmp").resolve("inside"));
        Files.writeString(tmp.resolve("x.json"), "{}");
        Files.move(tmp.getParent(), root.incoming("noop.dir.trigger"));
        assertRejected(root, "noop.dir.trigger", "not a regular file");
        assertAlive(root);
    }

    @Test
    void anUnreadableTriggerIsRejected() throws Exception {
        TestRoot root = start(Map.of());
        Path tmp = Files.writeString(root.incoming(".secret.tmp"), "{\"id\": \"secret\"}");
        Files.setPosixFilePermissions(tmp, Set.of());
        assumeFalse(Files.isReadable(tmp), "this user reads any file whatever its mode (root)");
        Files.move(tmp, root.incoming("noop.secret.trigger"));
        assertRejected(root, "noop.secret.trigger", "permission denied");
        assertAlive(root);
    }

    // ---- 4. Names in logs --------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a newline         | noop.a\\nFORGED LINE.trigger",
        "a carriage return | noop.a\\rFORGED LINE.trigger",
        "an ANSI escape    | noop.\\u001b[31mred.trigger",
        "a line separator  | noop.a\\u2028FORGED LINE.trigger",
        "a bad job name    | No\\nop\\u001b[2J.trigger",
    })
    void namesNeverForgeLogLines(String kind, String escaped) throws Exception {
        String name = unescape(escaped);
        lakehouse.setLevel(Level.DEBUG);
        TestRoot root = start(Map.of());
        root.drop(name, "{\"id\": \"named\", \"params\": {\"nope\": \"1\"}}");
        Files.writeString(root.incoming("notes-" + name.replace(".trigger", ".txt")), "not a trigger");
        ErrorReport report = awaitRejection(root, name);
        assertThat(report.triggerFile()).as("the error file names the file (%s)", kind).isEqualTo(name);
        assertAlive(root);
        assertThat(messages(Level.WARN)).as("WARNs").anyMatch(m -> m.startsWith("Rejected trigger"))
                .anyMatch(m -> m.startsWith("Ignoring notes-"));
        for (ILoggingEvent e : events()) {
            List<String> texts = new ArrayList<>(List.of(e.getFormattedMessage()));
            texts.addAll(e.getMDCPropertyMap().values());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
            }
            for (String text : texts) {
                assertThat(text).as("a %s log line of %s (name with %s)", e.getLevel(), e.getLoggerName(), kind)
                        .doesNotContain("\n", "\r", "\u001b", "\u2028");
            }
        }
    }

    // ---- 5. Who may write what ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} writable by its group")
    @ValueSource(strings = {"claimed", "results", "failed", "ledger", "runners", "root"})
    void aRunnerFolderWritableByItsGroupRefusesStartUp(String which) throws Exception {
        TestRoot root = root(Map.of());
        Path dir = which.equals("root") ? rootDir(root) : rootDir(root).resolve(which);
        addGroupWrite(dir);
        assertThatThrownBy(() -> startRunner(root, true)).as("starting with %s writable by its group", which)
                .isInstanceOf(RunnerException.class).hasMessageContaining("chmod g-w " + dir);
    }

    @Test
    void anIncomingFolderWritableByItsGroupIsFine() throws Exception {
        TestRoot root = root(Map.of());
        addGroupWrite(root.config.incoming());
        startRunner(root, true);
        assertAlive(root);
    }
}
