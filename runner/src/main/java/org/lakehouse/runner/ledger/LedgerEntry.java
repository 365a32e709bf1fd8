package org.lakehouse.runner.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lakehouse.jobs.core.JobMetrics;

/**
 * One line of the run ledger ({@code ledger/runs.jsonl}).
 *
 * @param originalRunId for DUPLICATE: the run that served the id before
 * @param appId for APP_STATE: the cluster application's id, when known
 * @param appState for APP_STATE: the application's state (SUBMITTED, RUNNING, FINISHED, FAILED, KILLED, LOST)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(Instant at, LedgerEvent event, String job, String runId, List<String> triggerIds,
        Integer attempt, String runnerId, List<String> requestedBy, Map<String, String> params, Long durationMs,
        JobMetrics metrics, String error, String originalRunId, String appId, String appState) {

    public LedgerEntry {
        triggerIds = triggerIds == null ? List.of() : List.copyOf(triggerIds);
    }

    /** An entry without a cluster application. */
    public LedgerEntry(Instant at, LedgerEvent event, String job, String runId, List<String> triggerIds,
            Integer attempt, String runnerId, List<String> requestedBy, Map<String, String> params, Long durationMs,
            JobMetrics metrics, String error, String originalRunId) {
        this(at, event, job, runId, triggerIds, attempt, runnerId, requestedBy, params, durationMs, metrics, error,
                originalRunId, null, null);
    }
}
