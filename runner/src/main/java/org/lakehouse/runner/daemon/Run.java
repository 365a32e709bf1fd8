package org.lakehouse.runner.daemon;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of one job, serving one or more coalesced triggers with equal params. {@code attempt} and
 * {@code startedAt} change between attempts, always under the dispatcher's lock or on the run's own thread.
 */
final class Run {
    final String runId;
    final String job;
    final Map<String, String> params;
    final List<Pending> triggers;
    int attempt;
    Instant startedAt;

    Run(String runId, String job, Map<String, String> params, List<Pending> triggers) {
        this.runId = runId;
        this.job = job;
        this.params = Map.copyOf(params);
        this.triggers = List.copyOf(triggers);
    }

    List<String> triggerIds() {
        return triggers.stream().map(Pending::id).distinct().toList();
    }

    List<String> requestedBy() {
        return triggers.stream().map(p -> p.request().requestedBy()).filter(r -> r != null).distinct().toList();
    }
}
