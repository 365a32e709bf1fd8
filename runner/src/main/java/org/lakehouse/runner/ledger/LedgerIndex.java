package org.lakehouse.runner.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner needs to know of the whole ledger, folded entry by entry: the run that succeeded for each trigger
 * id (idempotency), the runs still open (started, not ended) with the trigger ids they hold, when each job last
 * succeeded (fallbacks) and the newest entry's time (missed fallbacks). Not thread-safe: {@link RunLedger} guards it.
 */
final class LedgerIndex {
    final Map<String, String> succeeded = new HashMap<>();
    final Map<String, LedgerEntry> open = new LinkedHashMap<>();
    /** Trigger id → the open run holding it. */
    final Map<String, String> openIds = new HashMap<>();
    final Map<String, Instant> lastSuccess = new HashMap<>();
    Instant lastEntry;
    long entries;

    void apply(LedgerEntry e) {
        entries++;
        if (e.at() != null && (lastEntry == null || e.at().isAfter(lastEntry))) {
            lastEntry = e.at();
        }
        if (e.event() == LedgerEvent.SUCCEEDED) {
            e.triggerIds().forEach(id -> succeeded.put(id, e.runId()));
            if (e.job() != null && e.at() != null) {
                lastSuccess.merge(e.job(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (e.runId() == null) {
            return;
        }
        switch (e.event()) {
            case STARTED, RETRYING -> {
                LedgerEntry before = open.get(e.runId());
                // a line naming no triggers keeps those of the run's earlier line
                LedgerEntry kept = e.triggerIds().isEmpty() && before != null ? before : e;
                open.put(e.runId(), kept);
                kept.triggerIds().forEach(id -> openIds.put(id, e.runId()));
            }
            case SUCCEEDED, FAILED, ABANDONED -> close(e.runId());
            default -> {
            }
        }
    }

    private void close(String runId) {
        LedgerEntry closed = open.remove(runId);
        if (closed != null) {
            closed.triggerIds().forEach(id -> openIds.remove(id, runId));
        }
    }

    Optional<String> succeededRun(String id) {
        return Optional.ofNullable(succeeded.get(id));
    }

    /** The open run holding {@code id}, if any. */
    Optional<LedgerEntry> openRunOf(String id) {
        String runId = openIds.get(id);
        return runId == null ? Optional.empty() : Optional.ofNullable(open.get(runId));
    }
}
