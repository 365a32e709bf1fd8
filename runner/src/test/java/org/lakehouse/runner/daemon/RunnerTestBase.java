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

    @AfterEach
    void stopRunner() {
        if (app != null) {
            app.close();
        }
    }
}
