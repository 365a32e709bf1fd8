package org.lakehouse.runner.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lakehouse.runner.ledger.LedgerEntry;

/** Folds the ledger's lines into {@link RunRow}s, newest first, and filters them. Pure. */
final class RunRows {
    private RunRows() {
    }

    /**
     * What the Runs page may filter on; null fields match everything. {@code requestedBy} and {@code trigger} match a
     * part of any requester or trigger id, case-insensitively.
     */
    record Filter(String job, String status, String requestedBy, String trigger) {
        static final Filter ALL = new Filter(null, null, null, null);

        boolean test(RunRow r) {
            return (job == null || job.equals(r.job()))
                    && (status == null || status.equalsIgnoreCase(r.status()))
                    && (requestedBy == null || r.requestedBy().stream().anyMatch(s -> contains(s, requestedBy)))
                    && (trigger == null || r.triggerIds().stream().anyMatch(s -> contains(s, trigger)));
        }

        private static boolean contains(String s, String part) {
            return s != null && s.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
        }
    }

    /** Every run and run-less trigger outcome in the ledger, newest first. */
    static List<RunRow> of(List<LedgerEntry> entries) {
        Map<String, Integer> runs = new LinkedHashMap<>();
        List<RunRow> rows = new ArrayList<>();
        for (LedgerEntry e : entries) {
            if (e.runId() == null) {
                if (e.event() != null) {
                    rows.add(new RunRow(null, e.job(), e.event().name(), e.triggerIds(), e.requestedBy(), e.params(),
                            0, null, e.at(), null, null, e.error(), e.originalRunId()));
                }
                continue;
            }
            Integer at = runs.get(e.runId());
            if (at == null) {
                runs.put(e.runId(), rows.size());
                rows.add(fold(null, e));
            } else {
                rows.set(at, fold(rows.get(at), e));
            }
        }
        Collections.reverse(rows);
        return rows;
    }

    private static RunRow fold(RunRow r, LedgerEntry e) {
        if (r == null) {
            r = new RunRow(e.runId(), e.job(), "RUNNING", e.triggerIds(), e.requestedBy(), e.params(), 0, e.at(),
                    null, null, null, null, null);
        }
        return switch (e.event()) {
            case STARTED -> new RunRow(r.runId(), r.job(), "RUNNING", e.triggerIds(),
                    e.requestedBy() != null ? e.requestedBy() : r.requestedBy(),
                    e.params() != null ? e.params() : r.params(), Math.max(r.attempts(), e.attempt() == null ? 1
                            : e.attempt()), r.startedAt(), null, null, null, r.error(), null);
            case RETRYING -> new RunRow(r.runId(), r.job(), "RETRYING", r.triggerIds(), r.requestedBy(), r.params(),
                    r.attempts(), r.startedAt(), null, null, null, e.error(), null);
            case SUCCEEDED, FAILED, ABANDONED -> new RunRow(r.runId(), r.job(), e.event().name(),
                    e.triggerIds().isEmpty() ? r.triggerIds() : e.triggerIds(), r.requestedBy(), r.params(),
                    Math.max(r.attempts(), e.attempt() == null ? 0 : e.attempt()), r.startedAt(), e.at(),
                    e.durationMs(), e.metrics(), e.error(), null);
            default -> r;
        };
    }

    /** The newest row of {@code job}, if it ever ran. */
    static Optional<RunRow> latest(List<RunRow> newestFirst, String job) {
        return newestFirst.stream().filter(r -> r.runId() != null && job.equals(r.job())).findFirst();
    }
}
