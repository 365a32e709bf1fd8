package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.lakehouse.runner.claim.ClaimGate;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.claim.TriggerStore;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.console.Console;
import org.lakehouse.runner.console.ConsoleContext;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.http.StatusServer;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.retry.ExponentialBackoff;
import org.lakehouse.runner.schedule.FallbackPolicy;
import org.lakehouse.runner.schedule.FallbackScheduler;
import org.lakehouse.runner.trigger.ParamGuard;
import org.lakehouse.runner.trigger.TriggerParser;
import org.lakehouse.runner.watch.DirectoryWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner daemon: prepares the trigger root, watches {@code incoming/}, rescans it at start-up, on overflow and
 * every {@code rescan-interval-ms}, and runs what it claims through the {@link JobLauncher}. {@link #start} returns
 * once triggers are being taken; {@link #close()} is idempotent: it stops claiming, lets running jobs finish up to
 * the given timeout, and leaves anything unfinished in {@code claimed/}.
 *
 * <p>Threads: one watch thread, one timer (rescans, settle re-checks, retry backoffs, lease renewals, pruning) and
 * {@code max-concurrent-jobs} workers.
 */
public final class Runner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    private final RunnerConfig config;
    private final JobLauncher launcher;
    private final RunLedger ledger;
    private final TriggerIntake intake;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final String runnerId;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private final Owner owner;
    private final TriggerStore store;
    private final RunnerMetrics meters = new RunnerMetrics();
    private final Clock clock;
    private DirectoryWatcher watcher;
    private StatusServer http;
    private FallbackScheduler fallbacks;
    private volatile boolean ready;

    private Runner(RunnerConfig config, JobLauncher launcher, Clock clock, RunListener listener) throws IOException {
        this.config = config;
        this.launcher = launcher;
        this.runnerId = "runner-" + UUID.randomUUID().toString().substring(0, 8);
        prepare(config);
        this.ledger = RunLedger.open(config.ledger());
        this.timer = Executors.newSingleThreadScheduledExecutor(named("trigger-timer"));
        this.workers = Executors.newFixedThreadPool(config.maxConcurrentJobs(), named("job"));
        this.owner = Owner.current(runnerId);
        this.store = new TriggerStore(config.claimed(), config.failed(), owner, config.lease(), clock);
        Outcomes outcomes = new Outcomes(ledger, new ResultStore(config.results()), store, runnerId, clock, meters);
        this.dispatcher = new Dispatcher(launcher, outcomes, ledger, store,
                new ExponentialBackoff(config.maxAttempts(), config.backoffInitial(), config.backoffMax(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                workers, timer, config.lease().dividedBy(3), config.maxConcurrentJobs(), clock, listener,
                new ChainWriter(config.chain(), config.incoming()), meters, runnerId);
        this.intake = new TriggerIntake(config.incoming(), new ClaimGate(), store,
                new TriggerParser(config.maxTriggerBytes()), new ParamGuard(config.dataDir(), config.paramLimits()), launcher, ledger, outcomes, dispatcher, timer,
                config.settle(), config.maxTriggerBytes(), clock, meters);
        meters.gauges(dispatcher::queuedTotal, dispatcher::activeRuns);
        this.clock = clock;
    }

    /**
     * Starts a runner on {@code config}'s trigger root.
     *
     * @param watch false to rely on rescans alone (tests of missed events)
     * @throws RunnerException when the trigger root cannot be used
     */
    public static Runner start(RunnerConfig config, JobLauncher launcher, Clock clock, RunListener listener,
            boolean watch) throws IOException {
        Runner r = new Runner(config, launcher, clock, listener);
        try {
            r.begin(watch, clock);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void begin(boolean watch, Clock clock) throws IOException {
        recover(clock);
        if (config.warmUp()) {
            workers.execute(() -> {
                try {
                    launcher.warmUp();
                } catch (RuntimeException e) {
                    LOG.warn("Warm-up failed ({}); the first job builds its session instead", e.toString());
                }
            });
        }
        if (watch) {
            watcher = DirectoryWatcher.start(config.incoming(), intake::offer, () -> timer.execute(intake::rescan));
        }
        long every = config.rescanInterval().toMillis();
        timer.execute(intake::rescan);
        timer.scheduleWithFixedDelay(intake::rescan, every, every, TimeUnit.MILLISECONDS);
        ResultStore results = new ResultStore(config.results());
        timer.scheduleWithFixedDelay(() -> results.prune(clock, config.resultRetention()), 0, 1, TimeUnit.HOURS);
        if (!config.fallbacks().isEmpty()) {
            for (String job : config.fallbacks().keySet()) {
                if (!launcher.jobs().contains(job)) {
                    throw new RunnerException("Runner setting fallback." + job + " names no job. Jobs: "
                            + String.join(", ", launcher.jobs()) + ".");
                }
            }
            Instant lastUp = ledger.lastEntry().filter(t -> t.isBefore(clock.instant())).orElse(clock.instant());
            try {
                fallbacks = FallbackScheduler.start("lakehouse-" + runnerId, config.fallbacks(),
                        new RunnerFallbacks(clock, new FallbackPolicy(config.fallbackWindow()), ledger, dispatcher,
                                config.incoming(), config.claimed(), this::rescanNow), lastUp);
            } catch (org.quartz.SchedulerException e) {
                throw new RunnerException("The fallback schedules could not start: " + e.getMessage());
            }
        }
        if (config.httpPort() >= 0) {
            http = StatusServer.start(config.httpHost(), config.httpPort(), this::health, meters,
                    config.ledger().resolve(RunLedger.FILE), Console.create(new ConsoleContext(config, launcher,
                            dispatcher::queued, dispatcher::running, clock)));
        }
        ready = true;
        LOG.info("Runner {} watching {} (jobs {}, at most {} at once, rescan every {} ms, chain {})", runnerId,
                config.incoming(), launcher.jobs(), config.maxConcurrentJobs(), every,
                config.chain().isEmpty() ? "off" : config.chain());
    }

    /**
     * Re-queues the triggers of claims whose owner is gone and closes that owner's open runs in the ledger as
     * ABANDONED; the triggers then run again (the jobs are idempotent, so a re-run adds no rows).
     */
    private void recover(Clock clock) throws IOException {
        OrphanPolicy policy = new OrphanPolicy(owner.host(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false), config.lease());
        Set<String> dead = store.recoverOrphans(config.incoming(), policy);
        for (LedgerEntry open : ledger.openRuns()) {
            if (dead.contains(open.runnerId())) {
                ledger.append(new LedgerEntry(clock.instant(), LedgerEvent.ABANDONED, open.job(), open.runId(),
                        open.triggerIds(), open.attempt(), runnerId, null, null, null, null,
                        "its runner " + open.runnerId() + " died; the triggers were re-queued", null));
                LOG.warn("Run {} of {} was left unfinished by runner {}; closed as ABANDONED, its triggers re-run",
                        open.runId(), open.job(), open.runnerId());
            }
        }
    }

    /** Checks the root (a writable directory, not a link) and creates the protocol's folders. */
    static void prepare(RunnerConfig config) {
        Path root = config.triggerRoot();
        try {
            if (Files.isSymbolicLink(root)) {
                throw RunnerErrors.rootIsLink(root);
            }
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw RunnerErrors.rootNotDirectory(root);
            }
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw RunnerErrors.rootNotWritable(root);
            }
            refuseWorldWritable(root);
            for (Path dir : List.of(config.incoming(), config.claimed(), config.failed(), config.results(),
                    config.ledger())) {
                if (Files.isSymbolicLink(dir)) {
                    throw RunnerErrors.rootIsLink(dir);
                }
                Files.createDirectories(dir);
                if (!Files.isWritable(dir)) {
                    throw RunnerErrors.rootNotWritable(dir);
                }
                refuseWorldWritable(dir);
            }
        } catch (IOException e) {
            throw RunnerErrors.cannotPrepare(root, e);
        }
    }

    private static void refuseWorldWritable(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            throw RunnerErrors.worldWritable(dir);
        }
    }

    public String runnerId() {
        return runnerId;
    }

    public RunnerConfig config() {
        return config;
    }

    /** Looks at {@code incoming/} now instead of at the next rescan. */
    public void rescanNow() {
        timer.execute(intake::rescan);
    }

    /** What {@code /health} reports, now. */
    public RunnerHealth health() {
        Instant rescan = intake.lastRescan();
        boolean recent = rescan != null && rescan.isAfter(clock.instant().minus(config.rescanInterval().multipliedBy(3)));
        boolean ledgerOk = Files.isWritable(ledger.file());
        boolean watching = watcher != null && watcher.alive();
        return new RunnerHealth(ready && ledgerOk && recent, ready, watching, rescan, ledgerOk, runnerId,
                dispatcher.queuedTotal(), dispatcher.activeRuns());
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return http != null ? http.port() : -1;
    }

    public RunnerMetrics metrics() {
        return meters;
    }

    public Map<String, Integer> queued() {
        return dispatcher.queued();
    }

    public Map<String, String> running() {
        return dispatcher.running();
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
        Duration timeout = config.stopTimeout();
        LOG.info("Runner {} stopping: no new claims; running jobs may finish for up to {} ms", runnerId,
                timeout.toMillis());
        ready = false;
        if (fallbacks != null) {
            fallbacks.close();
        }
        intake.close();
        dispatcher.stop();
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the watch: {}", e.toString());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Jobs still running after {} ms; stopping them (their triggers stay in claimed/)",
                        timeout.toMillis());
                launcher.cancelAll();
                if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    workers.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        launcher.close();
        if (http != null) {
            http.close();
        }
        try {
            ledger.close();
        } catch (IOException e) {
            LOG.warn("Closing the ledger: {}", e.toString());
        }
        LOG.info("Runner {} stopped", runnerId);
        stoppedLatch.countDown();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
