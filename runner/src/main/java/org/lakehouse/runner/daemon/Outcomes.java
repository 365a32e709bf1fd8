package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.result.ErrorReport;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.trigger.TriggerParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Begins and ends a trigger's life, always in the same order. Begin: under the fleet's ledger lock, each trigger id
 * is checked once (succeeded already: DUPLICATE; held by an open run elsewhere: deferred; else STARTED). End: the
 * ledger line first (durable: it decides idempotency after a crash), then the chained trigger (success), then the
 * result file, then the trigger is deleted (commit) or moved to {@code failed/} beside its error file (roll back).
 * Thread-safe.
 */
final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
    static final String VERSION = "0.1.0";
    private static final int STACK_FRAMES = 12;

    private final RunnerContext ctx;
    private final ResultStore results;
    private final ChainWriter chain;

    Outcomes(RunnerContext ctx, ChainWriter chain) {
        this.ctx = ctx;
        this.results = new ResultStore(ctx.root().results());
        this.chain = chain;
    }

    /** How a run's triggers were sorted at its start. */
    record Begin(List<Pending> runnable, List<Pending> duplicates, List<Pending> deferred) {
    }

    /**
     * The one idempotency check: under the fleet-wide ledger lock, triggers whose id already succeeded are answered
     * DUPLICATE, those held by another open run wait, and STARTED is recorded for the rest (when any).
     */
    Begin begin(Run run) throws IOException {
        List<Pending> runnable = new ArrayList<>();
        List<Pending> deferred = new ArrayList<>();
        List<Pending> duplicates = new ArrayList<>();
        List<String> originals = new ArrayList<>();
        ctx.ledger().exclusive(view -> {
            for (Pending p : run.triggers) {
                Optional<String> original = view.succeededRun(p.id());
                if (original.isPresent()) {
                    duplicates.add(p);
                    originals.add(original.get());
                } else if (view.openRunOf(p.id()).filter(e -> !e.runId().equals(run.runId)).isPresent()) {
                    deferred.add(p);
                } else {
                    runnable.add(p);
                }
            }
            if (!runnable.isEmpty()) {
                run.narrow(runnable);
                view.append(startedEntry(run));
            }
            return null;
        });
        for (int i = 0; i < duplicates.size(); i++) {
            duplicate(duplicates.get(i), originals.get(i));
        }
        return new Begin(runnable, duplicates, deferred);
    }

    /** A later attempt of a run that began. */
    void restarted(Run run) throws IOException {
        ctx.ledger().append(startedEntry(run));
    }

    private LedgerEntry startedEntry(Run run) {
        return new LedgerEntry(run.startedAt, LedgerEvent.STARTED, run.job, run.runId, run.triggerIds(), run.attempt,
                ctx.runnerId(), run.requestedBy(), run.params, null, null, null, null);
    }

    /**
     * A run cut short by an unsafe trigger root, its triggers queued again: closed as ABANDONED when it is still
     * open in the ledger (started, not ended), so the run that serves its triggers later is not deferred behind it.
     */
    void held(Run run, String why) throws IOException {
        ctx.ledger().exclusive(view -> {
            if (view.isOpen(run.runId)) {
                view.append(new LedgerEntry(ctx.clock().instant(), LedgerEvent.ABANDONED, run.job, run.runId,
                        run.triggerIds(), run.attempt, ctx.runnerId(), null, null, null, null,
                        "the trigger root was not safe (" + why + "); its triggers wait and run again", null));
            }
            return null;
        });
    }

    /** A cluster application's state change, into the ledger (a failure to record it is logged, not fatal). */
    void appState(Run run, String appId, String state) {
        try {
            ctx.ledger().append(new LedgerEntry(ctx.clock().instant(), LedgerEvent.APP_STATE, run.job, run.runId,
                    run.triggerIds(), run.attempt, ctx.runnerId(), null, null, null, null, null, null, appId, state));
        } catch (IOException e) {
            LOG.warn("Cannot record state {} of application {} of run {}: {}", LogSafe.text(state),
                    LogSafe.text(appId), run.runId, e.toString());
        }
    }

    void retrying(Run run, LaunchFailure f, long delayMs) throws IOException {
        LOG.warn("Run {} of {} failed on attempt {} ({}); retrying in {} ms", run.runId, run.job, run.attempt,
                LogSafe.text(f.getMessage(), 2000), delayMs);
        ctx.ledger().append(new LedgerEntry(ctx.clock().instant(), LedgerEvent.RETRYING, run.job, run.runId,
                run.triggerIds(), run.attempt, ctx.runnerId(), null, null, null, null, f.getMessage(), null));
    }

    void succeeded(Run run, JobMetrics metrics) throws IOException {
        Instant now = ctx.clock().instant();
        long ms = now.toEpochMilli() - run.startedAt.toEpochMilli();
        FaultInjection.point("after-job-finished");
        ctx.ledger().append(new LedgerEntry(now, LedgerEvent.SUCCEEDED, run.job, run.runId, run.triggerIds(),
                run.attempt, ctx.runnerId(), null, null, ms, metrics, null, null));
        FaultInjection.point("after-success-recorded");
        chain.afterSuccess(run.job, run.runId);
        FaultInjection.point("after-chain-written");
        // a second trigger with an id the run already serves is answered DUPLICATE of this run
        java.util.Set<String> served = new java.util.HashSet<>();
        List<Pending> firsts = new ArrayList<>();
        List<Pending> copies = new ArrayList<>();
        run.triggers.forEach(p -> (served.add(p.id()) ? firsts : copies).add(p));
        for (Pending p : firsts) {
            writeResult(result(p, ResultStatus.SUCCEEDED, run, now, ms, metrics, null, null));
        }
        FaultInjection.point("after-result-written");
        for (Pending p : firsts) {
            ctx.claims().commit(p.claim());
        }
        for (Pending copy : copies) {
            duplicate(copy, run.runId);
        }
        ctx.meters().trigger(RunnerMetrics.Outcome.SUCCEEDED, firsts.size());
        ctx.meters().finished(run.job, true, Duration.ofMillis(ms));
        LOG.info("Run {} of {} succeeded in {} ms (attempt {}, {} trigger(s))", run.runId, run.job, ms, run.attempt,
                run.triggers.size());
    }

    void failed(Run run, LaunchFailure f) throws IOException {
        Instant now = ctx.clock().instant();
        long ms = now.toEpochMilli() - run.startedAt.toEpochMilli();
        ctx.ledger().append(new LedgerEntry(now, LedgerEvent.FAILED, run.job, run.runId, run.triggerIds(),
                run.attempt, ctx.runnerId(), null, null, ms, null, f.getMessage(), null));
        List<String> stack = ErrorReport.stackTail(f, STACK_FRAMES);
        for (Pending p : run.triggers) {
            ErrorReport report = new ErrorReport(TriggerParser.PROTOCOL_VERSION, p.id(), p.claim().name(), run.job,
                    "failed", f.getMessage(), run.attempt, run.runId, now, stack);
            writeResult(result(p, ResultStatus.FAILED, run, now, ms, null, f.getMessage(), null));
            ctx.claims().reject(p.claim(), p.id(), ResultStore.JSON.writeValueAsBytes(report));
        }
        ctx.meters().trigger(RunnerMetrics.Outcome.FAILED, run.triggers.size());
        ctx.meters().finished(run.job, false, Duration.ofMillis(ms));
        LOG.error("Run {} of {} failed after {} attempt(s), its trigger(s) moved to failed/: {}", run.runId, run.job,
                run.attempt, LogSafe.text(f.getMessage(), 2000));
    }

    /**
     * A trigger whose id already succeeded: nothing runs. The original run's chained trigger is written again when
     * it is missing (the original's runner died between its success and the chained trigger).
     */
    void duplicate(Pending p, String originalRunId) throws IOException {
        Instant now = ctx.clock().instant();
        ctx.ledger().append(new LedgerEntry(now, LedgerEvent.DUPLICATE, p.request().job(), null, List.of(p.id()),
                null, ctx.runnerId(), requestedBy(p), p.request().params(), null, null, null, originalRunId));
        chain.ensure(p.request().job(), originalRunId);
        writeResult(new RunResult(TriggerParser.PROTOCOL_VERSION, p.id(), ResultStatus.DUPLICATE,
                p.request().job(), null, null, p.claim().name(), p.request().requestedBy(), p.request().params(),
                p.claim().claimedAt(), null, now, null, null, null, originalRunId, ctx.runnerId(), VERSION));
        ctx.claims().commit(p.claim());
        ctx.meters().trigger(RunnerMetrics.Outcome.DUPLICATE, 1);
        LOG.info("Trigger {} already succeeded in run {}: answered DUPLICATE, nothing ran", p.id(),
                LogSafe.text(originalRunId));
    }

    /** A trigger that cannot run as written: to {@code failed/} with its error file, and a FAILED result. */
    void rejected(Claim claim, String id, String job, String message) throws IOException {
        Instant now = ctx.clock().instant();
        ctx.ledger().append(new LedgerEntry(now, LedgerEvent.REJECTED, job, null, List.of(id), null, ctx.runnerId(),
                null, null, null, null, message, null));
        ErrorReport report = new ErrorReport(TriggerParser.PROTOCOL_VERSION, id, claim.name(), job, "rejected",
                message, null, null, now, null);
        writeResult(new RunResult(TriggerParser.PROTOCOL_VERSION, id, ResultStatus.FAILED, job, null, null,
                claim.name(), null, null, claim.claimedAt(), null, now, null, null, message, null, ctx.runnerId(),
                VERSION));
        ctx.claims().reject(claim, id, ResultStore.JSON.writeValueAsBytes(report));
        ctx.meters().trigger(RunnerMetrics.Outcome.REJECTED, 1);
        LOG.warn("Rejected trigger {} (id {}): {} It is in failed/{}.trigger.", LogSafe.text(claim.name()),
                LogSafe.text(id), LogSafe.text(message, 2000), LogSafe.text(id));
    }

    private void writeResult(RunResult r) throws IOException {
        ctx.root().require(Folder.RESULTS);
        results.write(r);
    }

    private RunResult result(Pending p, ResultStatus status, Run run, Instant now, long ms, JobMetrics metrics,
            String error, String originalRunId) {
        Map<String, String> params = p.request().params();
        return new RunResult(TriggerParser.PROTOCOL_VERSION, p.id(), status, run.job, run.runId, run.attempt,
                p.claim().name(), p.request().requestedBy(), params, p.claim().claimedAt(), run.startedAt, now, ms,
                metrics, error, originalRunId, ctx.runnerId(), VERSION);
    }

    private static List<String> requestedBy(Pending p) {
        return p.request().requestedBy() == null ? null : List.of(p.request().requestedBy());
    }
}
