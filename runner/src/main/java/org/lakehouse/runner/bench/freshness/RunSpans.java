package org.lakehouse.runner.bench.freshness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.root.TriggerRoot;

/**
 * Every run attempt of a trigger root, from its ledger: the STARTED line and the line that ended the attempt, and
 * the arrival of the run's trigger. The ledger does not record claims, so the arrival is the earliest
 * {@code claimed_at} among the results of the triggers the run served.
 */
final class RunSpans {
    private static final Set<LedgerEvent> ENDS = EnumSet.of(LedgerEvent.SUCCEEDED, LedgerEvent.RETRYING,
            LedgerEvent.FAILED, LedgerEvent.ABANDONED);

    private RunSpans() {
    }

    static List<FreshnessFacts.RunSpan> read(TriggerRoot root) throws IOException {
        ResultStore results = new ResultStore(root.results());
        Map<String, LedgerEntry> open = new HashMap<>();
        Map<String, Long> claimed = new HashMap<>();
        List<FreshnessFacts.RunSpan> spans = new ArrayList<>();
        for (LedgerEntry e : LedgerReader.all(LedgerReader.file(root.ledger()))) {
            if (e.event() == LedgerEvent.STARTED) {
                open.put(e.runId(), e);
                if (!claimed.containsKey(e.runId())) {
                    claimed.put(e.runId(), claimedAt(results, e));
                }
            } else if (ENDS.contains(e.event()) && open.containsKey(e.runId())) {
                spans.add(span(open.remove(e.runId()), claimed.get(e.runId()), e.at().toEpochMilli()));
            }
        }
        // attempts cut short by the runner's stop have no end line
        open.values().forEach(s -> spans.add(span(s, claimed.get(s.runId()), Long.MAX_VALUE)));
        return spans;
    }

    private static FreshnessFacts.RunSpan span(LedgerEntry started, long claimedMs, long endedMs) {
        return new FreshnessFacts.RunSpan(started.job(), claimedMs, started.at().toEpochMilli(), endedMs);
    }

    /** The earliest claim among the run's triggers; its start when no result names a claim. */
    private static long claimedAt(ResultStore results, LedgerEntry started) throws IOException {
        long earliest = started.at().toEpochMilli();
        for (String id : started.triggerIds()) {
            Optional<RunResult> r = results.read(id);
            if (r.isPresent() && r.get().claimedAt() != null && started.runId().equals(r.get().runId())) {
                earliest = Math.min(earliest, r.get().claimedAt().toEpochMilli());
            }
        }
        return earliest;
    }
}
