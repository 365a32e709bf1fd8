package org.lakehouse.runner.continuous;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one job running continuously, through triggers only: at start-up and whenever a run of the job ends, if no
 * trigger for the job is outstanding on the root, it asks the {@link InputProbe} whether new input exists and, if
 * so, writes an ordinary trigger ({@link ContinuousTriggers}) at once. Otherwise it looks again every
 * {@code interval} (a bounded poll, never a busy loop) until something is new.
 *
 * <ul>
 *   <li>A failed run pauses the next continuous trigger ({@link FailurePause}: one interval, doubling while runs
 *       keep failing), logged once per streak, not per poll.</li>
 *   <li>An input that cannot be asked (Kafka unreachable) is logged once at WARN, with what to do, until it answers
 *       again; the poller keeps looking every interval, and {@link #status()} shows it.</li>
 *   <li>When two runs succeeded from the position the job still reports while input waits (the checkpoint it reads
 *       is not the job's), it writes nothing more for that position and says so once, instead of running the job in
 *       a loop ({@link ContinuousTriggers}).</li>
 *   <li>{@link #close()} stops it first thing on a stop: a trigger is written only under the lock that
 *       {@code close} takes, after checking that no stop began, so nothing is written once {@code close} returned.</li>
 * </ul>
 *
 * <p>Threads: checks run on {@code scheduler}, which must run one task at a time (a single thread, or a fake one in
 * tests); {@link #runEnded} is called from job threads and only moves the next check. Time comes from
 * {@code clock}.
 */
public final class ContinuousPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContinuousPoller.class);

    private final String job;
    private final ContinuousTriggers triggers;
    private final InputProbe probe;
    private final ContinuousHost host;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration interval;
    private final FailurePause pause;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    // guarded by this
    private boolean started;
    private boolean stopped;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private Instant quietUntil = Instant.MIN;
    private String endedRun;
    private int failures;
    private boolean inputDown;
    private boolean writeProblem;
    private boolean stuckWarned;
    private PollerStatus status;

    /**
     * @param scheduler runs the checks, one at a time
     * @param interval how often to look while nothing is new ({@code continuous-poll-ms})
     * @param pause how long to wait after failed runs
     */
    public ContinuousPoller(String job, ContinuousTriggers triggers, InputProbe probe, ContinuousHost host,
            ScheduledExecutorService scheduler, Clock clock, Duration interval, FailurePause pause) {
        this.job = job;
        this.triggers = triggers;
        this.probe = probe;
        this.host = host;
        this.scheduler = scheduler;
        this.clock = clock;
        this.interval = interval;
        this.pause = pause;
        this.status = new PollerStatus(job, "starting", probe.source(), null, null, null, null, null, 0);
    }

    public String job() {
        return job;
    }

    /** Looks at once (start-up), then keeps looking. */
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        LOG.info("Continuous mode for {}: a trigger whenever {} holds records it has not read; looking every {} ms "
                + "while nothing is new", job, LogSafe.text(probe.source()), interval.toMillis());
        scheduleAt(clock.instant());
    }

    /**
     * A run of the job ended (on this runner): look at once after a success; after a failure, not before the pause.
     */
    public synchronized void runEnded(String runId, boolean succeeded) {
        if (stopped) {
            return;
        }
        endedRun = runId;
        Instant now = clock.instant();
        if (succeeded) {
            if (failures > 0) {
                LOG.info("Continuous {}: run {} succeeded after {} failed run(s); continuous triggers go on", job,
                        LogSafe.text(runId), failures);
            }
            failures = 0;
            quietUntil = Instant.MIN;
            scheduleAt(now);
            return;
        }
        failures++;
        Duration wait = pause.after(failures);
        quietUntil = now.plus(wait);
        if (failures == 1) {
            LOG.warn("Continuous {}: run {} failed (its trigger and error are in failed/); the next continuous "
                    + "trigger comes in {} ms at the earliest, and later ones wait longer while runs keep failing "
                    + "(up to {} ms)", job, LogSafe.text(runId), wait.toMillis(),
                    pause.after(Integer.MAX_VALUE).toMillis());
        } else {
            LOG.debug("Continuous {}: run {} failed too ({} in a row); next try in {} ms", job, LogSafe.text(runId),
                    failures, wait.toMillis());
        }
        status = with("paused");
        scheduleAt(quietUntil);
    }

    /** Checks done so far (each looked at the queue and, when nothing was outstanding, at the input). */
    public long polls() {
        return polls.get();
    }

    /** Continuous triggers written so far. */
    public long written() {
        return written.get();
    }

    public synchronized PollerStatus status() {
        return status;
    }

    /** Stops looking and writing; returns once no trigger can be written any more. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            status = with("stopped");
        }
        LOG.info("Continuous mode for {} stopped: no more continuous triggers", job);
    }

    /** Under the lock: the next check at {@code at}, unless one is due earlier already. */
    private void scheduleAt(Instant at) {
        if (stopped || (next != null && nextAt != null && !nextAt.isAfter(at))) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            next = scheduler.schedule(this::check, delay, TimeUnit.MILLISECONDS);
            nextAt = at;
        } catch (RejectedExecutionException e) {
            next = null; // the scheduler is shutting down with the runner
        }
    }

    private void check() {
        String ended;
        synchronized (this) {
            next = null;
            nextAt = null;
            if (stopped) {
                return;
            }
            if (clock.instant().isBefore(quietUntil)) {
                scheduleAt(quietUntil);
                return;
            }
            ended = endedRun;
            endedRun = null;
        }
        try {
            look(ended);
        } catch (RuntimeException e) {
            LOG.warn("Continuous {}: a check failed ({}); looking again in {} ms", job, LogSafe.text(e.toString()),
                    interval.toMillis());
        } finally {
            polls.incrementAndGet();
            synchronized (this) {
                scheduleAt(clock.instant().plus(interval));
            }
        }
    }

    private void look(String ended) {
        Instant now = clock.instant();
        if (host.outstanding(job, ended)) {
            synchronized (this) {
                status = with("outstanding", now);
            }
            return;
        }
        Backlog backlog;
        try {
            backlog = probe.pending();
        } catch (InputUnavailableException e) {
            unavailable(e.getMessage(), now);
            return;
        }
        available(backlog, now);
        if (!backlog.any()) {
            return;
        }
        Optional<TriggerRequest> next = triggers.request(backlog, host::succeededRun);
        if (next.isEmpty()) {
            stuck(backlog, now);
            return;
        }
        TriggerRequest request = next.get();
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                host.write(request);
            } catch (IOException | RuntimeException e) {
                if (!writeProblem) {
                    writeProblem = true;
                    LOG.warn("Continuous {}: cannot write trigger {} into incoming/ ({}); trying again every {} ms",
                            job, LogSafe.text(request.id()), LogSafe.text(e.toString()), interval.toMillis());
                }
                status = with("write-failed", now);
                return;
            }
            if (writeProblem) {
                writeProblem = false;
                LOG.info("Continuous {}: triggers are written again", job);
            }
            stuckWarned = false;
            written.incrementAndGet();
            PollerStatus s = status;
            status = new PollerStatus(job, "triggered", s.input(), null, s.lagRecords(), now, request.id(), now,
                    failures);
        }
        LOG.info("Continuous {}: {} new record(s) ({}); wrote trigger {}", job, backlog.total(),
                LogSafe.text(backlog.perTopic().toString()), LogSafe.text(request.id()));
    }

    /** Two runs succeeded from where the job still stands while input waits: say so once, write nothing. */
    private synchronized void stuck(Backlog backlog, Instant now) {
        if (!stuckWarned) {
            stuckWarned = true;
            LOG.warn("Continuous {}: two {} runs succeeded from the position {} reports now, yet {} record(s) wait: "
                    + "the checkpoint continuous mode reads may not be the one {} writes (check data-dir, or "
                    + "cluster-data-dir with launcher=cluster), or it was deleted twice at one position. No "
                    + "continuous trigger until the position moves; `lakehouse trigger {}` runs it by hand.", job,
                    job, job, backlog.total(), job, job);
        }
        status = with("stuck", now);
    }

    private synchronized void unavailable(String why, Instant now) {
        if (!inputDown) {
            LOG.warn("Continuous {}: cannot tell whether new input exists: {} Looking again every {} ms.", job,
                    LogSafe.text(why, 2000), interval.toMillis());
            inputDown = true;
        } else {
            LOG.debug("Continuous {}: input still unavailable: {}", job, LogSafe.text(why, 2000));
        }
        PollerStatus s = status;
        status = new PollerStatus(job, "input-unavailable", probe.source(), why, s.lagRecords(), now,
                s.lastTriggerId(), s.lastTriggerAt(), failures);
    }

    private synchronized void available(Backlog backlog, Instant now) {
        if (inputDown) {
            LOG.info("Continuous {}: {} answers again", job, LogSafe.text(probe.source()));
            inputDown = false;
        }
        PollerStatus s = status;
        status = new PollerStatus(job, backlog.any() ? s.state() : "idle", probe.source(), null, backlog.total(), now,
                s.lastTriggerId(), s.lastTriggerAt(), failures);
    }

    private PollerStatus with(String state) {
        return with(state, status.lastPollAt());
    }

    private PollerStatus with(String state, Instant polledAt) {
        PollerStatus s = status;
        return new PollerStatus(job, state, s.input(), s.inputError(), s.lagRecords(), polledAt, s.lastTriggerId(),
                s.lastTriggerAt(), failures);
    }
}
