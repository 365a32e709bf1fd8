package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test's own folder, its Spark-free launcher and the runner it starts, closed after each test. */
abstract class RunnerTestBase {
    @TempDir
    Path temp;

    Runner runner;
    final RecordingLauncher launcher = new RecordingLauncher();

    /** Starts (or, after a close, restarts) a runner on {@code root}; {@code watch} false relies on rescans. */
    Runner startRunner(TestRoot root, boolean watch) throws IOException {
        runner = Runner.start(root.config, launcher, Clock.systemUTC(), RunListener.NONE, watch);
        return runner;
    }

    @AfterEach
    void stopRunner() {
        if (runner != null) {
            runner.close();
        }
    }
}
