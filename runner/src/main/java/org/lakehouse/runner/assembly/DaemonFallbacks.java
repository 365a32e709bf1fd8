package org.lakehouse.runner.assembly;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.schedule.FallbackContext;
import org.lakehouse.runner.schedule.FallbackPolicy;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/** The daemon's side of the Quartz fallbacks: its ledger, its queue and the trigger root, and the trigger writer. */
final class DaemonFallbacks implements FallbackContext {
    private final Runner runner;
    private final FallbackPolicy policy;
    private final java.util.concurrent.atomic.AtomicLong firings = new java.util.concurrent.atomic.AtomicLong();

    DaemonFallbacks(Runner runner, FallbackPolicy policy) {
        this.runner = runner;
        this.policy = policy;
    }

    @Override
    public Clock clock() {
        return runner.clock();
    }

    @Override
    public FallbackPolicy policy() {
        return policy;
    }

    @Override
    public Optional<Instant> lastSuccess(String job) {
        try {
            runner.ledger().refresh();
        } catch (IOException e) {
            return Optional.of(runner.clock().instant()); // cannot tell: do not risk a second run
        }
        return runner.ledger().lastSuccess(job);
    }

    /**
     * Whether a trigger for {@code job} is queued here, or waits in incoming/ or claimed/ (by any runner on this
     * root). A claimed trigger leaves claimed/ only after its success is in the ledger, so there is no moment when a
     * requested run is in neither place nor counted as a recent success.
     */
    @Override
    public boolean requested(String job) {
        return runner.requested(job);
    }

    @Override
    public void fired(String job, boolean requested) {
        firings.incrementAndGet();
    }

    /** Fallback firings so far (each a decision: requested or not needed). */
    long firings() {
        return firings.get();
    }

    @Override
    public void request(String job, String id) throws IOException {
        TriggerWriter.write(runner.root().incoming(), new TriggerRequest(job, id, Map.of(), "quartz", null));
        runner.rescanNow();
    }
}
