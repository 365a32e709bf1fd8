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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(Instant at, LedgerEvent event, String job, String runId, List<String> triggerIds,
        Integer attempt, String runnerId, List<String> requestedBy, Map<String, String> params, Long durationMs,
        JobMetrics metrics, String error, String originalRunId) {

    public LedgerEntry {
        triggerIds = triggerIds == null ? List.of() : List.copyOf(triggerIds);
    }
}
