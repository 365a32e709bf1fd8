package org.lakehouse.runner.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.lakehouse.jobs.core.JobMetrics;

/**
 * {@code results/<trigger id>.json}: what became of one trigger (protocol v1). Written atomically, once per
 * trigger, before the trigger file is deleted.
 *
 * @param runId the run that served the trigger (for DUPLICATE: null, see {@code originalRunId})
 * @param attempt the attempt that ended the run (1 = first)
 * @param metrics what the job reported (SUCCEEDED only)
 * @param error what failed, why and how to fix it (FAILED only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(int protocolVersion, String triggerId, ResultStatus status, String job, String runId,
        Integer attempt, String triggerFile, String requestedBy, Map<String, String> params, Instant claimedAt,
        Instant startedAt, Instant finishedAt, Long durationMs, JobMetrics metrics, String error,
        String originalRunId, String runnerId, String runnerVersion) {
}
