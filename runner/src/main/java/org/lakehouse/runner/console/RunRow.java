package org.lakehouse.runner.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lakehouse.jobs.core.JobMetrics;

/**
 * One row of the Runs page: a run (all ledger lines of one run id folded together) or, for a trigger that never got a
 * run of its own, its DUPLICATE or REJECTED line.
 *
 * @param status RUNNING, RETRYING, SUCCEEDED, FAILED, ABANDONED, DUPLICATE or REJECTED
 * @param attempts the attempts started so far (0 for DUPLICATE and REJECTED)
 * @param durationMs the last attempt's duration, once the run ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunRow(String runId, String job, String status, List<String> triggerIds, List<String> requestedBy,
        Map<String, String> params, int attempts, Instant startedAt, Instant finishedAt, Long durationMs,
        JobMetrics metrics, String error, String originalRunId) {

    RunRow {
        triggerIds = triggerIds == null ? List.of() : List.copyOf(triggerIds);
        requestedBy = requestedBy == null ? List.of() : List.copyOf(requestedBy);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    boolean ended() {
        return !status.equals("RUNNING") && !status.equals("RETRYING");
    }

    /** Rows that {@code quarantine_rows} counted (Silver), else 0. */
    long quarantined() {
        return metrics == null ? 0 : metrics.counter("quarantine_rows");
    }

    long duplicates() {
        return metrics == null ? 0 : metrics.counter("duplicates");
    }
}
