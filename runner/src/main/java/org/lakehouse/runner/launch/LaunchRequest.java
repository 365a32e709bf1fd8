package org.lakehouse.runner.launch;

import java.util.Map;

/** One attempt of one run. */
public record LaunchRequest(String runId, String job, Map<String, String> params, int attempt) {
    public LaunchRequest {
        params = Map.copyOf(params);
    }
}
