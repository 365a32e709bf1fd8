package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.claim.TriggerStore;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.launch.LaunchRequest;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns claimed triggers into runs. One run at a time per job (one streaming query per checkpoint); triggers that
 * arrive while their job is queued or running wait and are served together by the next run, as long as their
 * params are equal (each still gets its own result). At most {@code maxConcurrent} runs hold a worker at once;
 * a run waiting out a retry backoff keeps its job busy but frees its worker.
 *
 * <p>Concurrency: all queue state is guarded by {@code this}; launches and file I/O happen outside the lock, on the
 * worker pool ({@code workers}) and the timer.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final DateTimeFormatter RUN_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final JobLauncher launcher;
    private final Outcomes outcomes;
    private final RunLedger ledger;
    private final TriggerStore store;
    private final RetryPolicy retry;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Duration leaseRenewal;
    private final int maxConcurrent;
    private final Clock clock;
    private final RunListener listener;
    private final ChainWriter chain;
    private final RunnerMetrics meters;
    /** Part of every run id, so runs of runners sharing a ledger never collide. */
    private final String runIdSuffix;
    private final AtomicLong runSequence = new AtomicLong();

    /** Per job: triggers waiting, in arrival order. */
    private final Map<String, List<Pending>> waiting = new LinkedHashMap<>();
    /** Per job: its current run (running or in backoff). */
    private final Map<String, Run> active = new LinkedHashMap<>();
    /** Runs whose backoff ended, waiting for a worker; served before new runs. */
    private final Deque<Run> retriesDue = new ArrayDeque<>();
    private int busyWorkers;
    private boolean stopping;

    Dispatcher(JobLauncher launcher, Outcomes outcomes, RunLedger ledger, TriggerStore store, RetryPolicy retry,
            ExecutorService workers, ScheduledExecutorService timer, Duration leaseRenewal, int maxConcurrent,
            Clock clock, RunListener listener, ChainWriter chain, RunnerMetrics meters, String runnerId) {
        this.meters = meters;
        this.runIdSuffix = runnerId.substring(runnerId.lastIndexOf('-') + 1);
        this.launcher = launcher;
        this.outcomes = outcomes;
        this.ledger = ledger;
        this.store = store;
        this.retry = retry;
        this.workers = workers;
        this.timer = timer;
        this.leaseRenewal = leaseRenewal;
        this.maxConcurrent = maxConcurrent;
        this.clock = clock;
        this.listener = listener;
        this.chain = chain;
    }

    /** Queues a claimed trigger; one with a future {@code not_before} is queued when it falls due. */
    void submit(Pending p) {
        Instant notBefore = p.request().notBefore();
        if (notBefore != null && notBefore.isAfter(clock.instant())) {
            long delay = Duration.between(clock.instant(), notBefore).toMillis();
            LOG.info("Trigger {} for {} waits until {} (not_before)", p.id(), p.request().job(), notBefore);
            timer.schedule(() -> enqueue(p), delay, TimeUnit.MILLISECONDS);
            return;
        }
        enqueue(p);
    }

    private void enqueue(Pending p) {
        synchronized (this) {
            waiting.computeIfAbsent(p.request().job(), j -> new ArrayList<>()).add(p);
        }
        pump();
    }

    /** Starts whatever the limits allow: due retries first, then new runs in order of their oldest trigger. */
    private void pump() {
        List<Pending> duplicates = new ArrayList<>();
        List<Run> toStart = new ArrayList<>();
        synchronized (this) {
            while (!stopping && busyWorkers < maxConcurrent) {
                Run next = retriesDue.poll();
                if (next == null) {
                    next = nextNewRun(duplicates);
                }
                if (next == null) {
                    break;
                }
                busyWorkers++;
                toStart.add(next);
            }
        }
        for (Pending d : duplicates) {
            try {
                outcomes.duplicate(d, ledger.succeededRun(d.id()).orElseThrow());
            } catch (IOException e) {
                LOG.error("Cannot answer duplicate trigger {}: {}. It stays in claimed/.", d.id(), e.toString());
            }
        }
        toStart.forEach(r -> workers.execute(() -> attempt(r)));
    }

    /** Under the lock: the next idle job's run, coalescing its waiting triggers with the first one's params. */
    private Run nextNewRun(List<Pending> duplicates) {
        for (Iterator<Map.Entry<String, List<Pending>>> it = waiting.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, List<Pending>> e = it.next();
            String job = e.getKey();
            if (active.containsKey(job)) {
                continue;
            }
            List<Pending> queue = e.getValue();
            // an id that succeeded while this trigger waited (e.g. a client retry) is answered, not rerun
            queue.removeIf(p -> ledger.succeededRun(p.id()).isPresent() && duplicates.add(p));
            if (queue.isEmpty()) {
                it.remove();
                continue;
            }
            Map<String, String> params = queue.get(0).request().params();
            List<Pending> group = new ArrayList<>();
            queue.removeIf(p -> p.request().params().equals(params) && group.add(p));
            if (queue.isEmpty()) {
                it.remove();
            }
            Run run = new Run(newRunId(job), job, params, group);
            active.put(job, run);
            return run;
        }
        return null;
    }

    private String newRunId(String job) {
        return job + "-" + RUN_TS.format(clock.instant()) + "-" + runIdSuffix + "-" + runSequence.incrementAndGet();
    }

    private void attempt(Run run) {
        run.attempt++;
        run.startedAt = clock.instant();
        MDC.put("job", run.job);
        MDC.put("trigger", String.join(",", run.triggerIds()));
        ScheduledFuture<?> renewal = timer.scheduleAtFixedRate(() -> renewLeases(run), leaseRenewal.toMillis(),
                leaseRenewal.toMillis(), TimeUnit.MILLISECONDS);
        try {
            outcomes.started(run);
            if (run.attempt == 1) {
                run.triggers.forEach(p -> meters.started(Duration.between(p.claim().claimedAt(), run.startedAt)));
            }
            listener.started(run.runId, run.job, run.triggerIds(), run.attempt);
            LOG.info("Run {} of {} started (attempt {}, {} trigger(s), params {})", run.runId, run.job, run.attempt,
                    run.triggers.size(), run.params);
            JobMetrics metrics = launcher.launch(new LaunchRequest(run.runId, run.job, run.params, run.attempt,
                    (appId, state) -> outcomes.appState(run, appId, state)));
            renewal.cancel(false);
            outcomes.succeeded(run, metrics);
            listener.finished(run.runId, run.job, run.triggerIds(), true);
            chain.afterSuccess(run);
            release(run);
        } catch (LaunchFailure f) {
            renewal.cancel(false);
            failedAttempt(run, f);
        } catch (IOException | RuntimeException e) {
            renewal.cancel(false);
            failedAttempt(run, new LaunchFailure("The runner could not record run " + run.runId + ": " + e
                    + ". Check that the trigger root is writable and has space.", true, e));
        } finally {
            MDC.remove("job");
            MDC.remove("trigger");
        }
    }

    private void failedAttempt(Run run, LaunchFailure f) {
        if (isStopping()) {
            // cut short by the stop: not the job's failure; the triggers stay claimed for the next start
            LOG.warn("Run {} of {} was stopped with the runner; its trigger(s) stay in claimed/ and run again at the "
                    + "next start", run.runId, run.job);
            release(run);
            return;
        }
        Optional<Duration> delay = retry.nextDelay(run.attempt, f.retriable());
        try {
            if (delay.isPresent()) {
                outcomes.retrying(run, f, delay.get().toMillis());
                synchronized (this) {
                    busyWorkers--;
                }
                timer.schedule(() -> retryDue(run), delay.get().toMillis(), TimeUnit.MILLISECONDS);
                pump();
                return;
            }
            outcomes.failed(run, f);
            listener.finished(run.runId, run.job, run.triggerIds(), false);
        } catch (IOException e) {
            LOG.error("Cannot record the failure of run {}: {}. Its triggers stay in claimed/.", run.runId,
                    e.toString());
        }
        release(run);
    }

    private void retryDue(Run run) {
        synchronized (this) {
            retriesDue.add(run);
        }
        pump();
    }

    private void release(Run run) {
        synchronized (this) {
            active.remove(run.job);
            busyWorkers--;
        }
        pump();
    }

    private void renewLeases(Run run) {
        for (Pending p : run.triggers) {
            try {
                store.renew(p.claim());
            } catch (IOException e) {
                LOG.warn("Cannot renew the lease of {}: {}", p.claim().path(), e.toString());
            }
        }
    }

    /** Stops starting runs; running ones go on until the executor is shut down. */
    synchronized void stop() {
        stopping = true;
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    /** Triggers waiting, per job (a snapshot). */
    synchronized Map<String, Integer> queued() {
        Map<String, Integer> q = new LinkedHashMap<>();
        waiting.forEach((job, list) -> q.put(job, list.size()));
        return q;
    }

    /** Triggers waiting, all jobs. */
    synchronized int queuedTotal() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    synchronized int activeRuns() {
        return active.size();
    }

    /** Jobs with a run in progress (running or waiting out a backoff), with their run ids. */
    synchronized Map<String, String> running() {
        Map<String, String> r = new LinkedHashMap<>();
        active.forEach((job, run) -> r.put(job, run.runId));
        return r;
    }

    /** Whether nothing is waiting or running. */
    synchronized boolean idle() {
        return waiting.isEmpty() && active.isEmpty();
    }
}
