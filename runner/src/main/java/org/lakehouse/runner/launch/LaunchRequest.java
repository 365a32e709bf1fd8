package org.lakehouse.runner.launch;

import java.util.Map;

/**
 * One attempt of one run.
 *
 * @param listener told of cluster application state changes, for the ledger
 */
public record LaunchRequest(String runId, String job, Map<String, String> params, int attempt,
        AppStateListener listener) {
    public LaunchRequest {
        params = Map.copyOf(params);
    }

    public LaunchRequest(String runId, String job, Map<String, String> params, int attempt) {
        this(runId, job, params, attempt, (appId, state) -> { });
    }

    /** Receives a cluster application's states as they change. */
    @FunctionalInterface
    public interface AppStateListener {
        void changed(String appId, String state);
    }
}
