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
 * What the hostile-root tests share: quick timings, a runner on a test root, the runner's log captured, and
 * {@link Outside}, a directory outside the root that proves nothing was read, written, moved or deleted there.
 */
abstract class HostileRootTestBase extends RunnerTestBase {
    static final Duration RESCAN = Duration.ofMillis(200);
    /** Quick timings: rescans every 200 ms, settle 50 ms (so the intake's bound is 1 s), a lease of 900 ms. */
    static final Map<String, String> QUICK = Map.of("rescan-interval-ms", String.valueOf(RESCAN.toMillis()),
            "settle-ms", "50", "lease-ms", "900");
    /** How long the intake waits at most for a file that never settles, at {@code settle-ms=50}. */
    static final Duration BOUND = Duration.ofSeconds(1);
    static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger lakehouse;
    Level level;

    @BeforeEach
    void captureLogs() {
        lakehouse = (Logger) LoggerFactory.getLogger("org.lakehouse");
        level = lakehouse.getLevel();
        logged.start();
        lakehouse.addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        lakehouse.detachAppender(logged);
        lakehouse.setLevel(level);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    TestRoot root(Map<String, String> settings) throws IOException {
        Map<String, String> s = new HashMap<>(QUICK);
        s.putAll(settings);
        return new TestRoot(temp, s);
    }

    TestRoot start(Map<String, String> settings) throws Exception {
        TestRoot root = root(settings);
        startRunner(root, true);
        awaitUp();
        return root;
    }

    static Path rootDir(TestRoot root) {
        return root.config.root().path();
    }

    void awaitUp() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runner.health().up())
                .as("/health up; %s", runner.health()).isTrue());
    }

    void assertAlive(TestRoot root) throws Exception {
        root.drop("noop.alive.trigger", "{\"id\": \"alive\"}");
        assertThat(root.awaitResult("alive").status()).as("a normal trigger after the attack")
                .isEqualTo(ResultStatus.SUCCEEDED);
    }

    /** Writes a trigger the right way (a temporary name, then a rename), whatever the length of its name. */
    static void drop(Path incoming, String name, String content) throws IOException {
        Path tmp = Files.writeString(incoming.resolve(".drop-" + java.util.UUID.randomUUID() + ".tmp"), content);
        Files.move(tmp, incoming.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.getBytes(StandardCharsets.UTF_8).length);
    }

    static LedgerEntry success(String id) {
        return new LedgerEntry(Instant.parse("2026-01-01T00:00:00Z"), LedgerEvent.SUCCEEDED, "noop", "noop-before-1",
                List.of(id), 1, "runner-before", null, null, 5L, null, null, null);
    }

    /** {@code \n}, {@code \r} and {@code \\uXXXX} in a CSV cell, as Java would read them. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'n') {
                b.append('\n');
                i++;
            } else if (c == '\\' && s.charAt(i + 1) == 'r') {
                b.append('\r');
                i++;
            } else if (c == '\\' && s.charAt(i + 1) == 'u') {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static void addGroupWrite(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        perms.add(PosixFilePermission.GROUP_WRITE);
        Files.setPosixFilePermissions(dir, perms);
    }

    static void mkfifo(Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e);
            return;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path + " failed");
    }

    /** Awaits the rejection of {@code triggerName}, whose error must name the problem as {@code expected}. */
    void assertRejected(TestRoot root, String triggerName, String expected) {
        assertThat(awaitRejection(root, triggerName).error()).as("the error file of %s", triggerName)
                .contains(expected);
    }

    ErrorReport awaitRejection(TestRoot root, String triggerName) {
        return awaitRejection(root, triggerName, Duration.ofSeconds(10));
    }

    /** The error file in {@code failed/} whose trigger was {@code triggerName}, beside the trigger itself. */
    ErrorReport awaitRejection(TestRoot root, String triggerName, Duration atMost) {
        ErrorReport report = await().atMost(atMost).until(() -> errorReports(root).stream()
                .filter(r -> triggerName.equals(r.triggerFile())).findFirst(), Optional::isPresent).get();
        assertThat(root.files(root.config.failed())).as("the rejected trigger beside its error file")
                .contains(report.triggerId() + ".trigger");
        assertThat(report.kind()).as("the error file's kind").isEqualTo("rejected");
        return report;
    }

    /** Every error file in {@code failed/}, each parsed as the JSON it must be. */
    static List<ErrorReport> errorReports(TestRoot root) throws IOException {
        List<ErrorReport> reports = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root.config.failed(), "*.error.json")) {
            for (Path p : s) {
                reports.add(ResultStore.JSON.readValue(Files.readAllBytes(p), ErrorReport.class));
            }
        }
        return reports;
    }

    List<ILoggingEvent> events() {
        synchronized (logged) { // appends hold the appender's lock
            return List.copyOf(logged.list);
        }
    }

    List<String> messages(Level atLeast) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    List<String> warnings() {
        return messages(Level.WARN);
    }

    /** No WARN (or ERROR) said twice: each bad thing is reported once, not once per rescan. */
    void assertOneWarnPerBadThing() {
        assertThat(warnings()).as("WARNs and ERRORs").doesNotHaveDuplicates();
    }

    /**
     * A directory outside the trigger root with files planted in it, and the proof that the runner never touched it:
     * every entry's inode, mode, link count, size, modification and change times stay as they were (a folder's
     * change with any entry added, removed or renamed in it), and so does its access time where the filesystem
     * records reads (every entry's is set to 1970, before its modification time, so a first read or listing moves
     * it even under {@code relatime}). Nothing here lists or reads the entries after planting them.
     */
    static final class Outside {
        private static final String ATTRS = "unix:ino,mode,nlink,size,lastModifiedTime,ctime,lastAccessTime";
        final Path dir;
        private final boolean readsRecorded;
        private final Map<Path, Map<String, Object>> before = new TreeMap<>();

        private Outside(Path dir, boolean readsRecorded) {
            this.dir = dir;
            this.readsRecorded = readsRecorded;
        }

        static Outside plant(Path dir, String... files) throws IOException {
            Map<String, String> content = new LinkedHashMap<>();
            for (String f : files) {
                content.put(f, "{\"id\": \"outside\"}");
            }
            return plant(dir, content);
        }

        /** Plants {@code files} (relative path to content) under {@code dir}, dated an hour ago. */
        static Outside plant(Path dir, Map<String, String> files) throws IOException {
            List<Path> entries = new ArrayList<>(List.of(Files.createDirectories(dir)));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                for (Path d = p.getParent(); !d.equals(dir); d = d.getParent()) {
                    if (!entries.contains(d)) {
                        entries.add(Files.createDirectories(d));
                    }
                }
                entries.add(Files.writeString(p, f.getValue()));
            }
            Outside o = new Outside(dir, readsRecorded(dir.getParent()));
            FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
            // setting an entry's times leaves its folder's alone: any order will do
            for (Path p : entries) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(hourAgo,
                        FileTime.fromMillis(0), null);
            }
            for (Path p : entries) {
                o.before.put(p, o.attrs(p));
            }
            return o;
        }

        /** Whether this filesystem moves a file's access time when it is read (not with {@code noatime}). */
        private static boolean readsRecorded(Path where) throws IOException {
            Path probe = Files.writeString(where.resolve(".atime-probe"), "probe");
            try {
                Files.getFileAttributeView(probe, BasicFileAttributeView.class).setTimes(
                        FileTime.from(Instant.now().minus(Duration.ofHours(1))), FileTime.fromMillis(0), null);
                Files.readAllBytes(probe);
                return !Files.readAttributes(probe, "lastAccessTime").get("lastAccessTime")
                        .equals(FileTime.fromMillis(0));
            } finally {
                Files.delete(probe);
            }
        }

        private Map<String, Object> attrs(Path p) throws IOException {
            Map<String, Object> a = new TreeMap<>(Files.readAttributes(p, ATTRS, NOFOLLOW));
            if (!readsRecorded) {
                a.remove("lastAccessTime");
            }
            return a;
        }

        void assertUntouched() throws IOException {
            for (Map.Entry<Path, Map<String, Object>> e : before.entrySet()) {
                assertThat(Files.exists(e.getKey(), NOFOLLOW)).as("%s (outside the root) is still there", e.getKey())
                        .isTrue();
                assertThat(attrs(e.getKey())).as("%s (outside the root): never read, written, moved, or added to",
                        e.getKey()).isEqualTo(e.getValue());
            }
        }
    }
}
