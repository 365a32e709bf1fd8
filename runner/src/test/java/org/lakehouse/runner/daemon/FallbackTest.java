package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;



import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;

/** Quartz fallbacks on a real scheduler: they request a run only when none is requested or recent. */
class FallbackTest extends RunnerTestBase {
    private static final String EVERY_SECOND = "* * * * * ?";

    private TestRoot start(String cron, Runnable beforeStart) throws Exception {
        TestRoot root = new TestRoot(temp, Map.of("fallback.noop", cron, "fallback-window-ms", "3600000"));
        beforeStart.run();
        startRunner(root, true);
        return root;
    }

    @Test
    void firesWhenTheJobNeverSucceededThenNotAgainWithinTheWindow() throws Exception {
        TestRoot root = start(EVERY_SECOND, () -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> launcher.launches.size() == 1);
        afterFallbackFirings(2);
        afterRescans(1);
        assertThat(launcher.launches).as("two more firings within the window requested nothing").hasSize(1);
        assertThat(root.ledger()).filteredOn(e -> e.event() == LedgerEvent.STARTED).singleElement()
                .satisfies(e -> assertThat(e.requestedBy()).containsExactly("quartz"));
    }

    @Test
    void neverFiresBesideARunningOrRecentlySucceededJob() throws Exception {
        TestRoot root = new TestRoot(temp, Map.of());
        root.drop("noop.long.trigger", "{\"id\": \"long\", \"params\": {\"sleep_ms\": \"2500\"}}");
        TestRoot scheduled = start(EVERY_SECOND, () -> { });
        assertThat(scheduled.awaitResult("long").status().name()).isEqualTo("SUCCEEDED");
        afterFallbackFirings(1);
        afterRescans(1);
        assertThat(launcher.launches).as("only the trigger's own run").hasSize(1);
    }

    /**
     * Down for an hour across twelve fire times of a five-minute schedule, with the last success two hours ago:
     * FIRE_AND_PROCEED fires once at start-up, not twelve times.
     */
    @Test
    void aDaemonDownAcrossFireTimesFiresOnceAtStartUp() throws Exception {
        TestRoot root = start("0 0/5 * * * ?", () -> seedLedger(Instant.now().minus(Duration.ofHours(2)),
                Instant.now().minus(Duration.ofHours(1))));
        await().atMost(Duration.ofSeconds(10)).until(() -> launcher.launches.size() == 1);
        afterRescans(2);
        assertThat(launcher.launches).as("one firing for twelve missed fire times").hasSize(1);
        assertThat(root.ledger()).filteredOn(e -> e.event() == LedgerEvent.SUCCEEDED && e.requestedBy() == null)
                .hasSize(2);
    }

    @Test
    void missedFireTimesAfterARecentSuccessRequestNothing() throws Exception {
        start("0/2 * * * * ?", () -> seedLedger(Instant.now().minus(Duration.ofMinutes(5)),
                Instant.now().minus(Duration.ofMinutes(5))));
        afterFallbackFirings(2);
        afterRescans(1);
        assertThat(launcher.launches).as("missed fire times after a recent success").isEmpty();
    }

    private void seedLedger(Instant success, Instant lastEntry) {
        try (RunLedger ledger = RunLedger.open(temp.toRealPath().resolve("data/triggers/ledger"))) {
            ledger.append(new LedgerEntry(success, LedgerEvent.SUCCEEDED, "noop", "noop-old-1", List.of("old"), 1,
                    "runner-old", null, null, 5L, null, null, null));
            ledger.append(new LedgerEntry(lastEntry, LedgerEvent.DUPLICATE, "noop", null, List.of("old"), null,
                    "runner-old", null, null, null, null, null, "noop-old-1"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
