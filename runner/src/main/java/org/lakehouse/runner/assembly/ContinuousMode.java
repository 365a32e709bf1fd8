package org.lakehouse.runner.assembly;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.continuous.ContinuousPoller;
import org.lakehouse.runner.continuous.ContinuousTriggers;
import org.lakehouse.runner.continuous.FailurePause;
import org.lakehouse.runner.continuous.GoldFreshness;
import org.lakehouse.runner.continuous.KafkaInputProbe;
import org.lakehouse.runner.continuous.KafkaTarget;
import org.lakehouse.runner.continuous.LagWatch;
import org.lakehouse.runner.continuous.LastRunTarget;
import org.lakehouse.runner.continuous.PollerStatus;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.daemon.RunnerException;
import org.lakehouse.runner.daemon.RunnerHealth;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.trigger.BadTriggerException;
import org.lakehouse.runner.trigger.ParamGuard;

/**
 * Continuous mode and the pipeline's freshness figures, wired around a started daemon: one {@link ContinuousPoller}
 * per continuous job on a scheduler thread of its own, told of every run end through the daemon's
 * {@link RunListener}; bronze's Kafka lag behind one {@link LagWatch} that the pollers, the console and
 * {@code /metrics} share; Gold's freshness from the ledger. {@link #close()} stops the pollers first.
 */
final class ContinuousMode implements AutoCloseable {
    private static final String BRONZE = BronzeJob.NAME;
    /** How long one look at Kafka may take. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** How old a lag figure the console and /metrics may be given. */
    private static final Duration FIGURE_AGE = Duration.ofSeconds(1);

    private final List<ContinuousPoller> pollers;
    private final ScheduledExecutorService scheduler;
    private final LagWatch lag;
    private final GoldFreshness gold;

    private ContinuousMode(List<ContinuousPoller> pollers, ScheduledExecutorService scheduler, LagWatch lag,
            GoldFreshness gold) {
        this.pollers = pollers;
        this.scheduler = scheduler;
        this.lag = lag;
        this.gold = gold;
    }

    /**
     * Checks continuous mode's settings against the jobs this runner has, before anything starts.
     *
     * @return per continuous job, its triggers' params as the runner will pass them
     * @throws RunnerException saying what is wrong and how to fix it
     */
    static Map<String, Map<String, String>> check(RunnerConfig config, JobLauncher launcher) {
        Map<String, Map<String, String>> params = new TreeMap<>();
        RunnerConfig.Continuous c = config.continuous();
        ParamGuard guard = new ParamGuard(config.dataDir(), config.paramLimits());
        for (String job : c.jobs()) {
            if (!launcher.jobs().contains(job)) {
                throw new RunnerException("Runner setting continuous=" + String.join(",", c.jobs()) + " names "
                        + job + ", which this runner does not run. Its jobs: "
                        + String.join(", ", new TreeSet<>(launcher.jobs())) + ".");
            }
            String setting = RunnerConfig.CONTINUOUS_PREFIX + job + ".<param>";
            Map<String, String> checked;
            try {
                checked = guard.check(job, c.params(job), launcher.pathParams(job), launcher.brokerParams(job),
                        "continuous");
            } catch (BadTriggerException e) {
                throw new RunnerException("Runner setting " + setting + " is not valid: " + e.getMessage());
            }
            Optional<String> bad = launcher.checkParams(job, checked);
            if (bad.isPresent()) {
                throw new RunnerException("Runner setting " + setting + " is not valid: " + bad.get());
            }
            params.put(job, checked);
        }
        if (!c.jobs().isEmpty()) {
            lake(config);
        }
        return params;
    }

    /**
     * The lake as this host reads it: bronze's checkpoint is read as local files.
     *
     * @throws RunnerException when continuous mode is on and the cluster's lake is not a local folder
     */
    private static Path lake(RunnerConfig config) {
        if (!config.cluster().enabled()) {
            return config.dataDir();
        }
        String dir = config.cluster().dataDir();
        if (dir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !dir.startsWith("file://")) {
            if (!config.continuous().jobs().isEmpty()) {
                throw new RunnerException("Continuous mode reads bronze's checkpoint as local files, but "
                        + "cluster-data-dir=" + dir + " is not a local folder. Mount the lake on this host and set "
                        + "cluster-data-dir to that folder, or turn continuous mode off (continuous=).");
            }
            return config.dataDir();
        }
        return Path.of(dir.startsWith("file://") ? java.net.URI.create(dir).getPath() : dir);
    }

    /**
     * Starts continuous mode around {@code runner} (the figures always, the pollers for the continuous jobs).
     *
     * @param params what {@link #check} returned
     * @param relay the listener the runner was started with; it is pointed at the pollers here
     */
    static ContinuousMode start(RunnerConfig config, JobLauncher launcher, Runner runner, Clock clock,
            Map<String, Map<String, String>> params, Relay relay) {
        Path ledger = LedgerReader.file(config.ledger());
        GoldFreshness gold = new GoldFreshness(ledger, "gold");
        LagWatch lag = null;
        if (launcher.jobs().contains(BRONZE)) {
            Map<String, String> defaults = Map.of("bootstrap", BronzeJob.BOOTSTRAP.defaultText(), "topics",
                    BronzeJob.TOPICS.defaultText());
            Supplier<KafkaTarget> target;
            if (config.continuous().on(BRONZE)) {
                Map<String, String> p = params.get(BRONZE);
                KafkaTarget fixed = KafkaTarget.of(p.getOrDefault("bootstrap", defaults.get("bootstrap")),
                        p.getOrDefault("topics", defaults.get("topics")));
                target = () -> fixed;
            } else {
                target = new LastRunTarget(ledger, BRONZE, defaults);
            }
            lag = new LagWatch(new KafkaInputProbe(target, new LakePaths(lake(config)).checkpoint(BRONZE),
                    PROBE_TIMEOUT), clock, FIGURE_AGE);
        }
        LagWatch watch = lag;
        runner.metrics().freshness(() -> {
            LagWatch.Snapshot s = watch == null ? null : watch.current();
            return s == null || s.backlog() == null ? Double.NaN : s.backlog().total();
        }, () -> {
            try {
                return gold.newest().map(n -> (double) Duration.between(n.event(), clock.instant()).toMillis()
                        / 1000.0).orElse(Double.NaN);
            } catch (IOException e) {
                return Double.NaN;
            }
        });
        ScheduledExecutorService scheduler = null;
        List<ContinuousPoller> pollers = new ArrayList<>();
        if (!config.continuous().jobs().isEmpty()) {
            ScheduledThreadPoolExecutor one = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "continuous");
                t.setDaemon(true);
                return t;
            });
            one.setRemoveOnCancelPolicy(true); // a run's end moves the next check forward: drop the one it replaced
            scheduler = one;
            Duration poll = config.continuous().poll();
            for (String job : config.continuous().jobs()) {
                // today only bronze can run continuously (RunnerConfig.Continuous.CAPABLE), and its probe is the lag
                pollers.add(new ContinuousPoller(job, new ContinuousTriggers(job, params.get(job)), lag,
                        new DaemonContinuous(runner), scheduler, clock, poll,
                        new FailurePause(poll, config.backoffMax())));
            }
        }
        ContinuousMode mode = new ContinuousMode(List.copyOf(pollers), scheduler, lag, gold);
        relay.to(mode);
        pollers.forEach(ContinuousPoller::start);
        return mode;
    }

    /** The lag as last probed (at most a second old), or null when this runner has no bronze job. */
    LagWatch.Snapshot lag() {
        return lag == null ? null : lag.current();
    }

    GoldFreshness gold() {
        return gold;
    }

    List<ContinuousPoller> pollers() {
        return pollers;
    }

    /** {@code health} with each continuous job's status among its details (never part of {@code up}). */
    RunnerHealth health(RunnerHealth health) {
        if (pollers.isEmpty()) {
            return health;
        }
        List<PollerStatus> statuses = pollers.stream().map(ContinuousPoller::status).toList();
        return health.withDetail("continuous", statuses);
    }

    private void runEnded(String runId, String job, boolean succeeded) {
        for (ContinuousPoller p : pollers) {
            if (p.job().equals(job)) {
                p.runEnded(runId, succeeded);
            }
        }
    }

    /** Stops the pollers (nothing is written once this returns), then their thread and the probe. */
    @Override
    public void close() {
        pollers.forEach(ContinuousPoller::close);
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lag != null) {
            lag.close();
        }
    }

    /**
     * The daemon's run listener: passes every call on to {@code next} and tells continuous mode of run ends once it
     * started (the runner starts before continuous mode, so the link is made afterwards).
     */
    static final class Relay implements RunListener {
        private final RunListener next;
        private volatile ContinuousMode mode;

        Relay(RunListener next) {
            this.next = next;
        }

        void to(ContinuousMode m) {
            this.mode = m;
        }

        @Override
        public void started(String runId, String job, List<String> triggerIds, int attempt) {
            next.started(runId, job, triggerIds, attempt);
        }

        @Override
        public void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
            next.finished(runId, job, triggerIds, succeeded);
            ContinuousMode m = mode;
            if (m != null) {
                m.runEnded(runId, job, succeeded);
            }
        }
    }
}
