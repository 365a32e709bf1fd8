package org.lakehouse.runner.assembly;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.console.Console;
import org.lakehouse.runner.console.ConsoleContext;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.daemon.RunnerException;
import org.lakehouse.runner.http.StatusServer;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.schedule.FallbackPolicy;
import org.lakehouse.runner.schedule.FallbackScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner process's parts, composed: the HTTP port is bound first (so a second runner on a taken port fails at
 * once, before any Spark work), then the daemon starts, then the console and the fallbacks are wired around it.
 * {@link #close()} is idempotent and stops them in reverse order.
 */
public final class RunnerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerApp.class);

    private final Runner runner;
    private final StatusServer http;
    private final FallbackScheduler fallbacks;
    private final DaemonFallbacks fallbackContext;
    private final ContinuousMode continuous;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunnerApp(Runner runner, StatusServer http, FallbackScheduler fallbacks, DaemonFallbacks context,
            ContinuousMode continuous) {
        this.runner = runner;
        this.http = http;
        this.fallbacks = fallbacks;
        this.fallbackContext = context;
        this.continuous = continuous;
    }

    /**
     * Starts a runner with its HTTP face ({@code http-port} ≥ 0), fallbacks ({@code fallback.<job>}) and
     * continuous mode ({@code continuous}); the pipeline's freshness figures go to the console and {@code /metrics}.
     *
     * @param watch false to rely on rescans alone (tests of missed events)
     */
    public static RunnerApp start(RunnerConfig config, JobLauncher launcher, Clock clock, RunListener listener,
            boolean watch) throws IOException {
        for (String job : config.fallbacks().keySet()) {
            if (!launcher.jobs().contains(job)) {
                throw new RunnerException("Runner setting fallback." + job + " names no job. Jobs: "
                        + String.join(", ", new java.util.TreeSet<>(launcher.jobs())) + ".");
            }
        }
        Map<String, Map<String, String>> continuousParams = ContinuousMode.check(config, launcher);
        StatusServer.Binding binding = config.httpPort() >= 0 ? StatusServer.bind(config.httpHost(), config.httpPort())
                : null;
        Runner runner = null;
        ContinuousMode continuous = null;
        try {
            ContinuousMode.Relay relay = new ContinuousMode.Relay(listener);
            runner = Runner.start(config, launcher, clock, relay, watch);
            Runner r = runner;
            continuous = ContinuousMode.start(config, launcher, runner, clock, continuousParams, relay);
            ContinuousMode c = continuous;
            StatusServer http = binding == null ? null : binding.open(() -> c.health(r.health()), runner.metrics(),
                    LedgerReader.file(config.ledger()), Console.create(new ConsoleContext(config, launcher,
                            runner::queued, runner::running, clock, c::lag, c.gold())));
            FallbackScheduler fallbacks = null;
            DaemonFallbacks context = new DaemonFallbacks(r, new FallbackPolicy(config.fallbackWindow()));
            if (!config.fallbacks().isEmpty()) {
                Instant lastUp = runner.ledger().lastEntry().filter(t -> t.isBefore(clock.instant()))
                        .orElse(clock.instant());
                try {
                    fallbacks = FallbackScheduler.start("lakehouse-" + runner.runnerId(), config.fallbacks(),
                            context, lastUp);
                } catch (org.quartz.SchedulerException e) {
                    throw new RunnerException("The fallback schedules could not start: " + e.getMessage());
                }
            }
            return new RunnerApp(runner, http, fallbacks, context, continuous);
        } catch (IOException | RuntimeException e) {
            if (continuous != null) {
                continuous.close();
            }
            if (runner != null) {
                runner.close();
            } else {
                launcher.close();
            }
            if (binding != null) {
                binding.close();
            }
            throw e;
        }
    }

    public Runner runner() {
        return runner;
    }

    public String runnerId() {
        return runner.runnerId();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return http != null ? http.port() : -1;
    }

    /** Fallback firings so far, each a decision (requested a run or not needed). */
    public long fallbackFirings() {
        return fallbackContext.firings();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        runner.awaitStop();
    }

    /**
     * Stops continuous mode first (no continuous trigger is written after this began), then the fallbacks, the
     * daemon and the HTTP face.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        continuous.close();
        if (fallbacks != null) {
            fallbacks.close();
        }
        runner.close();
        if (http != null) {
            http.close();
        }
        LOG.debug("Runner {} and its HTTP face closed", runner.runnerId());
    }
}
