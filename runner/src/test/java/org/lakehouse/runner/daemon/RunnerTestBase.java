package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.assembly.RunnerApp;

/** A test's own folder, its Spark-free launcher and the runner it starts, closed after each test. */
abstract class RunnerTestBase {
    @TempDir
    Path temp;

    Runner runner;
    RunnerApp app;
    final RecordingLauncher launcher = new RecordingLauncher();

    /** Starts (or, after a close, restarts) a runner on {@code root}; {@code watch} false relies on rescans. */
    Runner startRunner(TestRoot root, boolean watch) throws IOException {
        app = RunnerApp.start(root.config, launcher, Clock.systemUTC(), RunListener.NONE, watch);
        runner = app.runner();
        return runner;
    }

    /**
     * Waits until the runner has completed {@code n} more rescans of incoming/ (asked for now, not waited out on
     * the clock): after that, anything a rescan could still take has been taken, and any run it started is visible.
     */
    void afterRescans(int n) {
        for (int i = 0; i < n; i++) {
            long target = runner.rescans() + 1;
            runner.rescanNow();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> runner.rescans() >= target && runner.idle());
        }
    }

    /** Waits until the fallback scheduler has fired {@code n} more times (each firing decides once). */
    void afterFallbackFirings(int n) {
        long target = app.fallbackFirings() + n;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> app.fallbackFirings() >= target);
    }

    @AfterEach
    void stopRunner() {
        if (app != null) {
            app.close();
        }
    }
}
