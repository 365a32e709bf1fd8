package org.lakehouse.runner.daemon;

import java.util.List;

/** Hooks on run starts and ends, for benchmarks and tests. Called on the run's thread; keep them quick. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void started(String runId, String job, List<String> triggerIds, int attempt) {
    }

    default void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
    }
}
