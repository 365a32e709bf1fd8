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
 * The trigger root changing under a running runner: every folder and the root itself replaced by a link (also while
 * a job runs, chaining on), {@code incoming/} deleted or moved away and created again, links to files outside. The
 * runner never moves anything through the link, {@code /health} is down meanwhile, and it works again once the
 * root is restored.
 */
class HostileRootLinksTest extends HostileRootTestBase {
    // ---- 1. The root changes under a running runner ----------------------------------------------------------

    @ParameterizedTest(name = "{0} replaced by a link")
    @ValueSource(strings = {"incoming", "claimed", "results", "failed", "ledger", "runners", "root"})
    void aFolderReplacedByALinkOutsideMovesNothingUntilRestored(String which) throws Exception {
        TestRoot root = start(Map.of());
        boolean isRoot = which.equals("root");
        Path swapped = isRoot ? rootDir(root) : rootDir(root).resolve(which);
        // bait: the names the runner would read, recover or write, were it to follow the link
        Outside outside = isRoot
                ? Outside.plant(temp.resolve("outside"), "incoming/noop.meanwhile.trigger",
                        "claimed/runner-gone-1--noop.outside.trigger", "results/keep.json", "failed/keep.json",
                        "ledger/runs.jsonl", "runners/runner-gone.json")
                : Outside.plant(temp.resolve("outside"), "noop.meanwhile.trigger",
                        "runner-gone-1--noop.outside.trigger", "keep.json", "runs.jsonl", "runner-gone.json");
        Path aside = temp.resolve("aside");
        Instant swappedAt = Instant.now();
        Files.move(swapped, aside);
        Files.createSymbolicLink(swapped, outside.dir);

        // a client that still holds the real incoming/ drops two triggers meanwhile
        Path realIncoming = which.equals("incoming") ? aside : isRoot ? aside.resolve("incoming")
                : root.config.incoming();
        drop(realIncoming, "noop.meanwhile.trigger", "{\"id\": \"meanwhile\"}");
        drop(realIncoming, "noop.bad.trigger", "{\"id\": \"bad-meanwhile\", \"params\": {\"nope\": \"1\"}}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            RunnerHealth h = runner.health();
            assertThat(h.rootSafe()).as("rootSafe while %s is a link", which).isFalse();
            assertThat(h.up()).as("/health up while %s is a link", which).isFalse();
            assertThat(h.lastRescan()).as("the last rescan (three after the swap)")
                    .isAfter(swappedAt.plus(RESCAN.multipliedBy(3)));
        });
        assertThat(names(realIncoming)).as("the triggers dropped meanwhile wait in the real incoming/")
                .contains("noop.meanwhile.trigger", "noop.bad.trigger");
        outside.assertUntouched();

        Files.delete(swapped);
        Files.move(aside, swapped);
        assertThat(root.awaitResult("meanwhile").status()).as("the trigger dropped meanwhile, once %s is back", which)
                .isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(root.awaitResult("bad-meanwhile").status()).as("the bad trigger dropped meanwhile")
                .isEqualTo(ResultStatus.FAILED);
        await().untilAsserted(() -> assertThat(root.files(root.config.failed())).as("failed/")
                .contains("bad-meanwhile.error.json", "bad-meanwhile.trigger"));
        awaitUp();
        assertAlive(root);
        outside.assertUntouched();
        assertThat(warnings()).as("WARNs").anyMatch(w -> w.startsWith("Refusing to use "));
        assertOneWarnPerBadThing();
    }

    @ParameterizedTest(name = "incoming/ {0}, then created again")
    @ValueSource(strings = {"deleted", "moved away"})
    void theWatchFollowsAnIncomingFolderCreatedAgain(String how) throws Exception {
        // rescans so rare that only the watch can see the trigger dropped at the end
        TestRoot root = start(Map.of("rescan-interval-ms", "600000"));
        Path incoming = root.config.incoming();
        if (how.equals("deleted")) {
            Files.delete(incoming);
        } else {
            Files.move(incoming, temp.resolve("old-incoming"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runner.health().up())
                .as("/health up without incoming/").isFalse());
        Files.createDirectory(incoming);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            RunnerHealth h = runner.health();
            assertThat(h.watching()).as("watching the new incoming/").isTrue();
            assertThat(h.up()).as("/health up; %s", h).isTrue();
        });
        root.drop("noop.rewatched.trigger", "{\"id\": \"rewatched\"}");
        RunResult r = await().atMost(Duration.ofSeconds(5)).until(() -> root.result("rewatched"), Optional::isPresent)
                .get();
        assertThat(r.status()).as("a trigger only the new watch can see").isEqualTo(ResultStatus.SUCCEEDED);
        assertOneWarnPerBadThing();
    }

    @ParameterizedTest(name = "{0} replaced while a job runs")
    @ValueSource(strings = {"results", "claimed", "incoming"})
    void aFolderReplacedWhileAJobRunsHoldsItsTriggerUntilRestored(String which) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedLauncher jobs = new ScriptedLauncher().then(r -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedLauncher.SUCCEED.run(r);
        });
        // chained, so the end of the run writes into incoming/ too
        TestRoot root = root(Map.of("chain", "noop>gold"));
        app = RunnerApp.start(root.config, jobs, Clock.systemUTC(), RunListener.NONE, true);
        runner = app.runner();
        awaitUp();
        root.drop("noop.inflight.trigger", "{\"id\": \"inflight\"}");
        assertThat(running.await(10, TimeUnit.SECONDS)).as("the job started").isTrue();

        Outside outside = Outside.plant(temp.resolve("outside"), "keep.json", "inflight.json",
                "noop.inflight.trigger");
        Path swapped = rootDir(root).resolve(which);
        Path aside = temp.resolve("aside");
        Files.move(swapped, aside);
        Files.createSymbolicLink(swapped, outside.dir);
        Instant releasedAt = Instant.now();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(root.count(LedgerEvent.SUCCEEDED)).as("the job's success in the ledger").isEqualTo(1);
            assertThat(runner.health().lastRescan()).as("the last rescan (three after the job ended)")
                    .isAfter(releasedAt.plus(RESCAN.multipliedBy(3)));
        });
        outside.assertUntouched();

        Files.delete(swapped);
        Files.move(aside, swapped);
        RunResult r = root.awaitResult("inflight");
        assertThat(r.status()).as("the trigger whose run ended while %s was a link", which)
                .isIn(ResultStatus.SUCCEEDED, ResultStatus.DUPLICATE);
        assertThat(jobs.launches).as("launches of noop").filteredOn(l -> l.job().equals("noop")).hasSize(1);
        String runId = r.runId() != null ? r.runId() : r.originalRunId();
        assertThat(root.awaitResult(runId + ".gold").status()).as("the chained trigger, exactly once")
                .isEqualTo(ResultStatus.SUCCEEDED);
        await().untilAsserted(() -> assertThat(root.files(root.config.claimed())).as("claimed/").isEmpty());
        awaitUp();
        assertAlive(root);
        outside.assertUntouched();
        assertOneWarnPerBadThing();
    }

    @Test
    void triggersLinkedToFilesOutsideTheRootNeverReachThem() throws Exception {
        TestRoot root = start(Map.of());
        Outside outside = Outside.plant(temp.resolve("outside"), "target.json", "folder/keep.json");
        Files.createSymbolicLink(root.incoming("noop.file-link.trigger"), outside.dir.resolve("target.json"));
        Files.createSymbolicLink(root.incoming("noop.dir-link.trigger"), outside.dir.resolve("folder"));
        assertRejected(root, "noop.file-link.trigger", "symbolic link");
        assertRejected(root, "noop.dir-link.trigger", "symbolic link");
        // a hard link is the same file under a name inside the root: served, and only that name is consumed
        Path hard = Files.writeString(temp.resolve("hard.json"), "{\"id\": \"hard\"}");
        Files.createLink(root.incoming("noop.hard.trigger"), hard);
        assertThat(root.awaitResult("hard").status()).as("a trigger hard-linked in").isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(hard).as("the file outside, once its link in incoming/ was consumed")
                .hasContent("{\"id\": \"hard\"}");
        outside.assertUntouched();
        assertAlive(root);
        assertOneWarnPerBadThing();
    }
}
