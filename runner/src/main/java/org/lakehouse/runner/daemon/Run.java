package org.lakehouse.runner.daemon;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of one job, serving one or more coalesced triggers with equal params. {@code triggers}, {@code attempt}
 * and {@code startedAt} change only on the run's own thread (one at a time), before the run is visible elsewhere.
 */
final class Run {
    final String runId;
    final String job;
    final Map<String, String> params;
    volatile List<Pending> triggers;
    int attempt;
    Instant startedAt;

    Run(String runId, String job, Map<String, String> params, List<Pending> triggers) {
        this.runId = runId;
        this.job = job;
        this.params = Map.copyOf(params);
        this.triggers = List.copyOf(triggers);
    }

    /** Keeps only {@code runnable} (the others were answered or deferred at the run's start). */
    void narrow(List<Pending> runnable) {
        triggers = List.copyOf(runnable);
    }

    List<String> triggerIds() {
        return triggers.stream().map(Pending::id).distinct().toList();
    }

    List<String> requestedBy() {
        return triggers.stream().map(p -> p.request().requestedBy()).filter(r -> r != null).distinct().toList();
    }
}
