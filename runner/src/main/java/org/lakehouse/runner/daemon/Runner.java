package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.lakehouse.runner.claim.ClaimStrategy;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.claim.local.LocalClaims;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.retry.ExponentialBackoff;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.NotRegularFileException;
import org.lakehouse.runner.root.RootException;
import org.lakehouse.runner.root.TriggerRoot;
import org.lakehouse.runner.root.UnsafeDirectoryException;
import org.lakehouse.runner.trigger.ParamGuard;
import org.lakehouse.runner.trigger.TriggerParser;
import org.lakehouse.runner.watch.DirectoryWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner daemon's lifecycle: {@link #start} prepares the trigger root, writes this runner's heartbeat, recovers
 * orphans and begins taking triggers; {@link #close()} is idempotent: it stops claiming, lets running jobs finish
 * up to {@code stop-timeout-ms}, then cancels them, and leaves anything unfinished in {@code claimed/} for a
 * surviving or next runner. HTTP, the console and the fallbacks are wired around it by the assembly.
 *
 * <p>Threads: one watch thread, one timer (rescans with their orphan checks, watch checks, settle re-checks, retry
 * backoffs, heartbeats, pruning), one warm-up thread and {@code max-concurrent-jobs} workers.
 */
public final class Runner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    /** The watch is checked at least this often, whatever the rescan interval: a lost watch must not wait for it. */
    private static final long WATCH_CHECK_MS = 1_000;

    private final RunnerContext ctx;
    private final JobLauncher launcher;
    private final TriggerIntake intake;
    private final Dispatcher dispatcher;
    private final ExecutorService workers;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private final boolean watch;
    private volatile DirectoryWatcher watcher;
    private volatile boolean ready;
    /** Whether the watch's failure to start was reported (once, until it starts again). */
    private volatile boolean watchWarned;

    private Runner(RunnerConfig config, JobLauncher launcher, Clock clock, RunListener listener, boolean watch)
            throws IOException {
        this.launcher = launcher;
        this.watch = watch;
        String runnerId = "runner-" + UUID.randomUUID().toString().substring(0, 8);
        TriggerRoot root = config.root();
        root.prepare();
        Owner owner = Owner.current(runnerId);
        ClaimStrategy claims = new LocalClaims(root, owner, config.lease(), new OrphanPolicy(owner.host(),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), config.lease()), clock);
        RunLedger ledger;
        try {
            ledger = RunLedger.open(root.ledger());
        } catch (NotRegularFileException e) {
            throw new RootException(e.getMessage());
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("trigger-timer"));
        this.ctx = new RunnerContext(config, root, ledger, claims, clock, timer, new RunnerMetrics(), runnerId);
        this.workers = Executors.newFixedThreadPool(config.maxConcurrentJobs(), named("job"));
        Outcomes outcomes = new Outcomes(ctx, new ChainWriter(config.chain(), root, id -> {
            try {
                ledger.refresh();
            } catch (IOException e) {
                LOG.warn("Cannot read the ledger: {}", e.toString());
            }
            return ledger.succeededRun(id);
        }));
        this.dispatcher = new Dispatcher(ctx, launcher, outcomes, new ExponentialBackoff(config.maxAttempts(),
                config.backoffInitial(), config.backoffMax(), () -> ThreadLocalRandom.current().nextDouble()),
                workers, listener);
        this.intake = new TriggerIntake(ctx, new TriggerCheck(new TriggerParser(config.maxTriggerBytes()),
                new ParamGuard(config.dataDir(), config.paramLimits()), launcher), outcomes, dispatcher);
        ctx.meters().gauges(dispatcher::queuedTotal, dispatcher::activeRuns);
    }

    /**
     * Starts a runner on {@code config}'s trigger root.
     *
     * @param watch false to rely on rescans alone (tests of missed events)
     * @throws RunnerException when the trigger root cannot be used
     */
    public static Runner start(RunnerConfig config, JobLauncher launcher, Clock clock, RunListener listener,
            boolean watch) throws IOException {
        Runner r;
        try {
            r = new Runner(config, launcher, clock, listener, watch);
        } catch (RootException e) {
            throw new RunnerException(e.getMessage());
        }
        try {
            r.begin();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void begin() throws IOException {
        RunnerConfig config = ctx.config();
        ctx.claims().renew();
        long beat = Math.max(1, config.lease().toMillis() / 3);
        ctx.timer().scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        recover();
        if (config.warmUp()) {
            Thread warm = named("warm-up").newThread(() -> {
                try {
                    launcher.warmUp();
                } catch (RuntimeException e) {
                    LOG.warn("Warm-up failed ({}); the first job builds its session instead", e.toString());
                }
            });
            warm.start();
        }
        long every = config.rescanInterval().toMillis();
        if (watch) {
            startWatch();
            long check = Math.min(every, WATCH_CHECK_MS);
            ctx.timer().scheduleWithFixedDelay(this::checkWatch, check, check, TimeUnit.MILLISECONDS);
        }
        ctx.timer().execute(intake::rescan);
        ctx.timer().scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        ResultStore results = new ResultStore(ctx.root().results());
        ctx.timer().scheduleWithFixedDelay(() -> {
            try {
                ctx.root().require(Folder.RESULTS); // never prune through a results/ replaced by a link
                results.prune(ctx.clock(), config.resultRetention());
            } catch (UnsafeDirectoryException e) {
                LOG.debug("Not pruning results: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
        ready = true;
        LOG.info("Runner {} watching {} (jobs {}, at most {} at once, rescan every {} ms, chain {})", ctx.runnerId(),
                ctx.root().incoming(), new java.util.TreeSet<>(launcher.jobs()), config.maxConcurrentJobs(), every,
                config.chain().isEmpty() ? "off" : config.chain());
    }

    /** Starts watching {@code incoming/}; false when it cannot be watched now (reported once until it can). */
    private boolean startWatch() {
        try {
            watcher = DirectoryWatcher.start(ctx.root().require(Folder.INCOMING), intake::offer,
                    () -> ctx.timer().execute(intake::rescan));
            watchWarned = false;
            return true;
        } catch (UnsafeDirectoryException e) {
            LOG.debug("Not watching incoming/: {}", e.getMessage()); // the root warned
        } catch (IOException e) {
            if (!watchWarned) {
                watchWarned = true;
                LOG.warn("Cannot watch incoming/ ({}); rescans still see triggers, the watch is tried again",
                        LogSafe.text(e.toString()));
            }
        }
        return false;
    }

    /**
     * Restarts the watch when it ended (incoming/ deleted) or watches a directory no longer at incoming/'s path
     * (moved away, replaced), then rescans: events between the loss and the new watch were never delivered.
     */
    private void checkWatch() {
        DirectoryWatcher w = watcher;
        if (!ready || (w != null && w.current())) {
            return;
        }
        if (w != null) {
            watcher = null;
            try {
                w.close();
            } catch (IOException e) {
                LOG.debug("Closing a lost watch: {}", e.toString());
            }
        }
        if (startWatch()) {
            LOG.info("Watching {} again", ctx.root().incoming());
            intake.rescan();
        }
    }

    /** Every rescan interval: orphans of runners that are gone, {@code incoming/}, deferred triggers. */
    private void tick() {
        try {
            recover();
        } catch (UnsafeDirectoryException e) {
            LOG.debug("Orphan check skipped: {}", e.getMessage()); // the root warned
        } catch (IOException | RuntimeException e) {
            LOG.warn("Orphan check failed: {}; the next rescan tries again", LogSafe.text(e.toString()));
        }
        intake.rescan();
        dispatcher.poke();
    }

    private void heartbeat() {
        try {
            ctx.claims().renew();
        } catch (UnsafeDirectoryException e) {
            LOG.debug("Heartbeat not renewed: {}", e.getMessage()); // the root warned
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot renew this runner's heartbeat: {}; other runners take over its claims once its lease "
                    + "runs out", LogSafe.text(e.toString()));
        }
    }

    /**
     * Re-queues the triggers of claims whose runner is gone and closes such runners' open runs in the ledger as
     * ABANDONED (once across the fleet: under the ledger's lock); the triggers then run again (the jobs are
     * idempotent, so a re-run adds no rows).
     */
    private void recover() throws IOException {
        ctx.claims().recoverOrphans();
        ctx.ledger().refresh();
        Map<String, Boolean> gone = new java.util.HashMap<>();
        boolean any = ctx.ledger().openRuns().stream().anyMatch(open -> gone.computeIfAbsent(open.runnerId(),
                ctx.claims()::gone));
        if (!any) {
            return;
        }
        ctx.ledger().exclusive(view -> {
            for (LedgerEntry open : view.openRuns()) {
                if (gone.computeIfAbsent(open.runnerId(), ctx.claims()::gone)) {
                    view.append(new LedgerEntry(ctx.clock().instant(), LedgerEvent.ABANDONED, open.job(),
                            open.runId(), open.triggerIds(), open.attempt(), ctx.runnerId(), null, null, null, null,
                            "its runner " + open.runnerId() + " is gone; the triggers were re-queued", null));
                    LOG.warn("Run {} of {} was left unfinished by runner {}; closed as ABANDONED, its triggers run "
                            + "again", LogSafe.text(open.runId()), LogSafe.text(open.job()),
                            LogSafe.text(open.runnerId()));
                }
            }
            return null;
        });
    }

    public String runnerId() {
        return ctx.runnerId();
    }

    public RunnerConfig config() {
        return ctx.config();
    }

    public TriggerRoot root() {
        return ctx.root();
    }

    public RunLedger ledger() {
        return ctx.ledger();
    }

    public Clock clock() {
        return ctx.clock();
    }

    /** Looks at {@code incoming/} now instead of at the next rescan. */
    public void rescanNow() {
        try {
            ctx.timer().execute(intake::rescan);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Not rescanning: the runner is stopping");
        }
    }

    /** Rescans of {@code incoming/} completed so far: a barrier for "nothing more happened" (tests, probes). */
    public long rescans() {
        return intake.rescans();
    }

    /** What {@code /health} reports, now. */
    public RunnerHealth health() {
        Instant rescan = intake.lastRescan();
        boolean recent = rescan != null && rescan.isAfter(ctx.clock().instant()
                .minus(ctx.config().rescanInterval().multipliedBy(3)));
        boolean ledgerOk = Files.isWritable(ctx.ledger().file());
        DirectoryWatcher w = watcher;
        boolean watching = w != null && w.current();
        boolean rootSafe = ctx.root().safe();
        return new RunnerHealth(ready && ledgerOk && recent && rootSafe && (watching || !watch), ready, watching,
                rescan, ledgerOk, rootSafe, ctx.runnerId(), dispatcher.queuedTotal(), dispatcher.activeRuns());
    }

    public RunnerMetrics metrics() {
        return ctx.meters();
    }

    public Map<String, Integer> queued() {
        return dispatcher.queued();
    }

    public Map<String, String> running() {
        return dispatcher.running();
    }

    /** Whether a trigger for {@code job} is queued, running, waiting in incoming/ or claimed by any runner. */
    public boolean requested(String job) {
        return dispatcher.running().containsKey(job) || dispatcher.queued().containsKey(job)
                || ctx.root().holdsJob(job);
    }

    /** Whether nothing is waiting or running right now. */
    public boolean idle() {
        return dispatcher.idle();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stoppedLatch.await();
    }

    @Override
    public void close() {
        if (stopped.getAndSet(true)) {
            return;
        }
        Duration timeout = ctx.config().stopTimeout();
        ready = false;
        dispatcher.stop();
        intake.close();
        int running = dispatcher.activeRuns();
        LOG.info("Runner {} stopping: no new claims; {} running job(s) may finish for up to {} ms", ctx.runnerId(),
                running, timeout.toMillis());
        closeWatch();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Jobs still running after {} ms; stopping them (their triggers stay in claimed/)",
                        timeout.toMillis());
                launcher.cancelAll();
                if (!workers.awaitTermination(Math.max(timeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)) {
                    workers.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ctx.timer().shutdownNow();
        ctx.claims().release();
        launcher.close();
        try {
            ctx.ledger().close();
        } catch (IOException e) {
            LOG.warn("Closing the ledger: {}", e.toString());
        }
        LOG.info("Runner {} stopped", ctx.runnerId());
        stoppedLatch.countDown();
    }

    private void closeWatch() {
        DirectoryWatcher w = watcher;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.warn("Closing the watch: {}", e.toString());
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
