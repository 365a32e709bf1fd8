package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.launch.LaunchRequest;
import org.lakehouse.runner.retry.RetryPolicy;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.UnsafeDirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns claimed triggers into runs. One run at a time per job (one streaming query per checkpoint); triggers that
 * arrive while their job is queued or running wait and are served together by the next run, as long as their
 * params are equal (each still gets its own result). At most {@code maxConcurrent} runs hold a worker at once;
 * a run waiting out a retry backoff keeps its job busy but frees its worker. Whether a trigger's id already
 * succeeded, or is being run by another runner, is decided once, as a run starts ({@link Outcomes#begin}).
 *
 * <p>Every attempt ends in exactly one ledger line and frees its worker, whatever the job throws. Once
 * {@link #stop()} is called no run starts, not even one already handed to a worker.
 *
 * <p>Concurrency: queue state is guarded by {@code this}; launches and file I/O happen outside the lock, on the
 * worker pool and the context's timer.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final DateTimeFormatter RUN_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final RunnerContext ctx;
    private final JobLauncher launcher;
    private final Outcomes outcomes;
    private final RetryPolicy retry;
    private final ExecutorService workers;
    private final RunListener listener;
    private final int maxConcurrent;
    /** Part of every run id, so runs of runners sharing a ledger never collide. */
    private final String runIdSuffix;
    private final AtomicLong runSequence = new AtomicLong();

    /** Per job: triggers waiting, in arrival order. */
    private final Map<String, List<Pending>> waiting = new LinkedHashMap<>();
    /** Triggers whose id another runner's open run holds: looked at again from this time on. */
    private final Map<Pending, Instant> deferred = new IdentityHashMap<>();
    /** Per job: its current run (running or in backoff). */
    private final Map<String, Run> active = new LinkedHashMap<>();
    /** Runs whose backoff ended, waiting for a worker; served before new runs. */
    private final Deque<Run> retriesDue = new ArrayDeque<>();
    private int busyWorkers;
    private boolean stopping;

    Dispatcher(RunnerContext ctx, JobLauncher launcher, Outcomes outcomes, RetryPolicy retry, ExecutorService workers,
            RunListener listener) {
        this.ctx = ctx;
        this.launcher = launcher;
        this.outcomes = outcomes;
        this.retry = retry;
        this.workers = workers;
        this.listener = listener;
        this.maxConcurrent = ctx.config().maxConcurrentJobs();
        this.runIdSuffix = ctx.runnerId().substring(ctx.runnerId().lastIndexOf('-') + 1);
    }

    /** Queues a claimed trigger; one with a future {@code not_before} is queued when it falls due. */
    void submit(Pending p) {
        Instant notBefore = p.request().notBefore();
        Instant now = ctx.clock().instant();
        if (notBefore != null && notBefore.isAfter(now)) {
            long delay = millisUntil(now, notBefore);
            LOG.info("Trigger {} for {} waits until {} (not_before)", p.id(), p.request().job(), notBefore);
            ctx.timer().schedule(() -> enqueue(p), delay, TimeUnit.MILLISECONDS);
            return;
        }
        enqueue(p);
    }

    /** Milliseconds from {@code now} to {@code then}, saturated (a far future cannot overflow). */
    static long millisUntil(Instant now, Instant then) {
        try {
            return Math.max(0, Duration.between(now, then).toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    private void enqueue(Pending p) {
        synchronized (this) {
            waiting.computeIfAbsent(p.request().job(), j -> new ArrayList<>()).add(p);
        }
        pump();
    }

    /** Looks at the queue again (deferred triggers may be due): called on every rescan. */
    void poke() {
        pump();
    }

    /** Starts whatever the limits allow: due retries first, then new runs in order of their oldest trigger. */
    private void pump() {
        List<Run> toStart = new ArrayList<>();
        synchronized (this) {
            while (!stopping && busyWorkers < maxConcurrent) {
                Run next = retriesDue.poll();
                if (next == null) {
                    next = nextNewRun();
                }
                if (next == null) {
                    break;
                }
                busyWorkers++;
                toStart.add(next);
            }
        }
        for (Run r : toStart) {
            try {
                workers.execute(() -> attempt(r));
            } catch (RejectedExecutionException e) {
                release(r); // stopping: the triggers stay claimed
            }
        }
    }

    /** Under the lock: the next idle job's run, coalescing its due waiting triggers with the first one's params. */
    private Run nextNewRun() {
        Instant now = ctx.clock().instant();
        for (Iterator<Map.Entry<String, List<Pending>>> it = waiting.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, List<Pending>> e = it.next();
            String job = e.getKey();
            if (active.containsKey(job)) {
                continue;
            }
            List<Pending> queue = e.getValue();
            Optional<Pending> first = queue.stream().filter(p -> due(p, now)).findFirst();
            if (first.isEmpty()) {
                continue;
            }
            Map<String, String> params = first.get().request().params();
            List<Pending> group = new ArrayList<>();
            queue.removeIf(p -> due(p, now) && p.request().params().equals(params) && group.add(p));
            group.forEach(deferred::remove);
            if (queue.isEmpty()) {
                it.remove();
            }
            Run run = new Run(newRunId(job), job, params, group);
            active.put(job, run);
            return run;
        }
        return null;
    }

    private boolean due(Pending p, Instant now) {
        Instant at = deferred.get(p);
        return at == null || !at.isAfter(now);
    }

    private String newRunId(String job) {
        return job + "-" + RUN_TS.format(ctx.clock().instant()) + "-" + runIdSuffix + "-"
                + runSequence.incrementAndGet();
    }

    private void attempt(Run run) {
        if (isStopping()) {
            release(run); // handed to a worker before the stop: it does not start; its triggers stay claimed
            return;
        }
        if (!ctx.root().safe()) {
            if (run.attempt == 0) {
                LOG.debug("Run {} of {} waits: a folder of the trigger root is not safe", run.runId, run.job);
                hold(run);
            } else {
                held(run, "a folder of the trigger root is not safe"); // a retry: its run is open in the ledger
            }
            return;
        }
        run.attempt++;
        run.startedAt = ctx.clock().instant();
        MDC.put("job", run.job);
        MDC.put("trigger", LogSafe.text(String.join(",", run.triggerIds())));
        try {
            if (!begin(run)) {
                return;
            }
            if (run.attempt == 1) {
                run.triggers.forEach(p -> ctx.meters().started(Duration.between(p.claim().claimedAt(),
                        run.startedAt)));
            }
            listener.started(run.runId, run.job, run.triggerIds(), run.attempt);
            LOG.info("Run {} of {} started (attempt {}, {} trigger(s), params {})", run.runId, run.job, run.attempt,
                    run.triggers.size(), LogSafe.text(run.params.toString(), 1000));
            JobMetrics metrics = launcher.launch(new LaunchRequest(run.runId, run.job, run.params, run.attempt,
                    (appId, state) -> outcomes.appState(run, appId, state)));
            outcomes.succeeded(run, metrics);
            listener.finished(run.runId, run.job, run.triggerIds(), true);
            release(run);
        } catch (LaunchFailure f) {
            failedAttempt(run, f);
        } catch (IOException e) {
            failedAttempt(run, new LaunchFailure("The runner could not record run " + run.runId + ": " + e
                    + ". Check that the trigger root is writable and has space.", true, e));
        } catch (Throwable t) { // whatever a job throws (a Scala-thrown checked exception, an Error) ends its run
            LOG.error("Run {} of {} threw an unexpected {}", run.runId, run.job, t.getClass().getName(), t);
            failedAttempt(run, new LaunchFailure("Job " + run.job + " failed unexpectedly: "
                    + LogSafe.text(t.toString(), 1000) + ". The stack trace is in the runner's log and in the "
                    + "trigger's error file (stack_tail).", false, t));
        } finally {
            MDC.remove("job");
            MDC.remove("trigger");
        }
    }

    /** Records the attempt's start; false when nothing is left to run (answered or deferred at the start). */
    private boolean begin(Run run) throws IOException {
        if (run.attempt > 1) {
            outcomes.restarted(run);
            return true;
        }
        Outcomes.Begin b = outcomes.begin(run);
        if (!b.deferred().isEmpty()) {
            Instant again = ctx.clock().instant().plus(ctx.config().rescanInterval());
            synchronized (this) {
                for (Pending p : b.deferred()) {
                    deferred.put(p, again);
                    waiting.computeIfAbsent(run.job, j -> new ArrayList<>()).add(p);
                }
            }
            LOG.info("{} trigger(s) of {} wait: their id is being run by another runner", b.deferred().size(),
                    run.job);
        }
        if (b.runnable().isEmpty()) {
            release(run);
            return false;
        }
        return true;
    }

    private void failedAttempt(Run run, LaunchFailure f) {
        if (isStopping()) {
            // cut short by the stop: not the job's failure; the triggers stay claimed for a surviving or next runner
            LOG.warn("Run {} of {} was stopped with the runner; its trigger(s) stay in claimed/ and run again",
                    run.runId, run.job);
            release(run);
            return;
        }
        if (unsafeRoot(f)) {
            held(run, f.getMessage());
            return;
        }
        Optional<Duration> delay = retry.nextDelay(run.attempt, f.retriable());
        try {
            if (delay.isPresent()) {
                outcomes.retrying(run, f, delay.get().toMillis());
                synchronized (this) {
                    busyWorkers--;
                }
                ctx.timer().schedule(() -> retryDue(run), delay.get().toMillis(), TimeUnit.MILLISECONDS);
                pump();
                return;
            }
            outcomes.failed(run, f);
            listener.finished(run.runId, run.job, run.triggerIds(), false);
        } catch (UnsafeDirectoryException e) {
            held(run, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot record the failure of run {}: {}. Its triggers stay in claimed/ and run again once the "
                    + "trigger root is writable (restart the runner).", run.runId, LogSafe.text(e.toString()));
        }
        release(run);
    }

    /** Whether {@code t} or one of its causes is a folder of the trigger root found unsafe. */
    private static boolean unsafeRoot(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnsafeDirectoryException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A run cut short because a folder of the trigger root stopped being safe (the root WARNed once): not the job's
     * failure, so no retry is spent and no trigger is failed or left claimed for good. The run is closed in the
     * ledger and its triggers wait; a new run serves them once the root is restored (answered DUPLICATE when the job
     * had already succeeded).
     */
    private void held(Run run, String why) {
        LOG.info("Run {} of {} could not finish: {}; its trigger(s) wait, claimed, until the trigger root is restored",
                run.runId, run.job, LogSafe.text(why, 300));
        try {
            outcomes.held(run, why);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot close run {} in the ledger: {}", run.runId, LogSafe.text(e.toString()));
        }
        hold(run);
    }

    /** Puts the run's triggers back in the queue, due again after a rescan interval, and frees the run's worker. */
    private void hold(Run run) {
        Instant again = ctx.clock().instant().plus(ctx.config().rescanInterval());
        synchronized (this) {
            for (Pending p : run.triggers) {
                deferred.put(p, again);
                waiting.computeIfAbsent(run.job, j -> new ArrayList<>()).add(p);
            }
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
