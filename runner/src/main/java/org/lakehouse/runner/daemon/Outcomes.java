package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.claim.TriggerStore;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.result.ErrorReport;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a trigger's life, always in the same order: the ledger line first (durable: it decides idempotency after a
 * crash), then the result file, then the trigger itself is deleted (commit) or moved to {@code failed/} beside its
 * error file (roll back). Thread-safe.
 */
final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
    static final String VERSION = "0.1.0";
    private static final int STACK_FRAMES = 12;

    private final RunLedger ledger;
    private final ResultStore results;
    private final TriggerStore store;
    private final String runnerId;
    private final Clock clock;
    private final RunnerMetrics meters;

    Outcomes(RunLedger ledger, ResultStore results, TriggerStore store, String runnerId, Clock clock,
            RunnerMetrics meters) {
        this.meters = meters;
        this.ledger = ledger;
        this.results = results;
        this.store = store;
        this.runnerId = runnerId;
        this.clock = clock;
    }

    void started(Run run) throws IOException {
        ledger.append(new LedgerEntry(run.startedAt, LedgerEvent.STARTED, run.job, run.runId, run.triggerIds(),
                run.attempt, runnerId, run.requestedBy(), run.params, null, null, null, null));
    }

    /** A cluster application's state change, into the ledger (a failure to record it is logged, not fatal). */
    void appState(Run run, String appId, String state) {
        try {
            ledger.append(new LedgerEntry(clock.instant(), LedgerEvent.APP_STATE, run.job, run.runId,
                    run.triggerIds(), run.attempt, runnerId, null, null, null, null, null, null, appId, state));
        } catch (IOException e) {
            LOG.warn("Cannot record state {} of application {} of run {}: {}", state, appId, run.runId, e.toString());
        }
    }

    void retrying(Run run, LaunchFailure f, long delayMs) throws IOException {
        LOG.warn("Run {} of {} failed on attempt {} ({}); retrying in {} ms", run.runId, run.job, run.attempt,
                f.getMessage(), delayMs);
        ledger.append(new LedgerEntry(clock.instant(), LedgerEvent.RETRYING, run.job, run.runId, run.triggerIds(),
                run.attempt, runnerId, null, null, null, null, f.getMessage(), null));
    }

    void succeeded(Run run, JobMetrics metrics) throws IOException {
        Instant now = clock.instant();
        long ms = now.toEpochMilli() - run.startedAt.toEpochMilli();
        ledger.append(new LedgerEntry(now, LedgerEvent.SUCCEEDED, run.job, run.runId, run.triggerIds(), run.attempt,
                runnerId, null, null, ms, metrics, null, null));
        FaultInjection.point("after-success-recorded");
        for (Pending p : run.triggers) {
            results.write(result(p, ResultStatus.SUCCEEDED, run, now, ms, metrics, null, null));
            store.commit(p.claim());
        }
        meters.trigger(RunnerMetrics.Outcome.SUCCEEDED, run.triggers.size());
        meters.finished(run.job, true, java.time.Duration.ofMillis(ms));
        LOG.info("Run {} of {} succeeded in {} ms (attempt {}, {} trigger(s))", run.runId, run.job, ms, run.attempt,
                run.triggers.size());
    }

    void failed(Run run, LaunchFailure f) throws IOException {
        Instant now = clock.instant();
        long ms = now.toEpochMilli() - run.startedAt.toEpochMilli();
        ledger.append(new LedgerEntry(now, LedgerEvent.FAILED, run.job, run.runId, run.triggerIds(), run.attempt,
                runnerId, null, null, ms, null, f.getMessage(), null));
        List<String> stack = ErrorReport.stackTail(f, STACK_FRAMES);
        for (Pending p : run.triggers) {
            ErrorReport report = new ErrorReport(TriggerParser.PROTOCOL_VERSION, p.id(), p.claim().name(), run.job,
                    "failed", f.getMessage(), run.attempt, run.runId, now, stack);
            results.write(result(p, ResultStatus.FAILED, run, now, ms, null, f.getMessage(), null));
            store.reject(p.claim(), p.id(), ResultStore.JSON.writeValueAsBytes(report));
        }
        meters.trigger(RunnerMetrics.Outcome.FAILED, run.triggers.size());
        meters.finished(run.job, false, java.time.Duration.ofMillis(ms));
        LOG.error("Run {} of {} failed after {} attempt(s), its trigger(s) moved to failed/: {}", run.runId, run.job,
                run.attempt, f.getMessage());
    }

    void duplicate(Pending p, String originalRunId) throws IOException {
        Instant now = clock.instant();
        ledger.append(new LedgerEntry(now, LedgerEvent.DUPLICATE, p.request().job(), null, List.of(p.id()), null,
                runnerId, requestedBy(p), p.request().params(), null, null, null, originalRunId));
        results.write(new RunResult(TriggerParser.PROTOCOL_VERSION, p.id(), ResultStatus.DUPLICATE,
                p.request().job(), null, null, p.claim().name(), p.request().requestedBy(), p.request().params(),
                p.claim().claimedAt(), null, now, null, null, null, originalRunId, runnerId, VERSION));
        store.commit(p.claim());
        meters.trigger(RunnerMetrics.Outcome.DUPLICATE, 1);
        LOG.info("Trigger {} already succeeded in run {}: answered DUPLICATE, nothing ran", p.id(), originalRunId);
    }

    /** A trigger that cannot run as written: to {@code failed/} with its error file, and a FAILED result. */
    void rejected(Claim claim, String id, String job, String message) throws IOException {
        Instant now = clock.instant();
        ledger.append(new LedgerEntry(now, LedgerEvent.REJECTED, job, null, List.of(id), null, runnerId, null, null,
                null, null, message, null));
        ErrorReport report = new ErrorReport(TriggerParser.PROTOCOL_VERSION, id, claim.name(), job, "rejected",
                message, null, null, now, null);
        results.write(new RunResult(TriggerParser.PROTOCOL_VERSION, id, ResultStatus.FAILED, job, null, null,
                claim.name(), null, null, claim.claimedAt(), null, now, null, null, message, null, runnerId,
                VERSION));
        store.reject(claim, id, ResultStore.JSON.writeValueAsBytes(report));
        meters.trigger(RunnerMetrics.Outcome.REJECTED, 1);
        LOG.warn("Rejected trigger {} (id {}): {} It is in failed/{}.trigger.",
                TriggerParser.printable(claim.name()), id, message, id);
    }

    private RunResult result(Pending p, ResultStatus status, Run run, Instant now, long ms, JobMetrics metrics,
            String error, String originalRunId) {
        Map<String, String> params = p.request().params();
        return new RunResult(TriggerParser.PROTOCOL_VERSION, p.id(), status, run.job, run.runId, run.attempt,
                p.claim().name(), p.request().requestedBy(), params, p.claim().claimedAt(), run.startedAt, now, ms,
                metrics, error, originalRunId, runnerId, VERSION);
    }

    private static List<String> requestedBy(Pending p) {
        return p.request().requestedBy() == null ? null : List.of(p.request().requestedBy());
    }
}
