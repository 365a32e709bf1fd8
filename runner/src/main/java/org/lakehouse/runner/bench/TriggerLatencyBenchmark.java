package org.lakehouse.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.lakehouse.producer.publish.RatePacer;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.launch.NoopLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trigger latency: {@code runners} runners with the {@code noop} job on one fresh trigger root (one: in this JVM;
 * more: runner processes sharing the root, as a fleet does). Each trigger is written to a hidden temporary name and
 * renamed into {@code incoming/}; its latency is the wall-clock time from just before the rename to the start of
 * the run that serves it, as its STARTED line in the shared ledger records it. Triggers are paced at {@code rate}
 * per second (a burst would measure the queue, not the path); afterwards the same number is dropped at once and
 * {@code triggers_per_s} is how fast the runners answered all of them. A warm-up of {@code triggers / 10}, at least
 * {@value #WARMUP_MIN}, precedes the timing.
 */
public final class TriggerLatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerLatencyBenchmark.class);

    /** What one run printed. */
    public record Result(double p50Ms, double p99Ms, double triggersPerS, int runners) {
        public String resultLine() {
            return String.format(Locale.ROOT, "RESULT trigger_to_start_p50_ms=%.1f p99_ms=%.1f triggers_per_s=%.0f "
                    + "runners=%d", p50Ms, p99Ms, triggersPerS, runners);
        }
    }

    /** At least this many warm-up triggers: a fresh runner JVM's JIT is busy for the first several hundred. */
    static final int WARMUP_MIN = 1000;

    private final Path workDir;
    private final int triggers;
    private final double rate;
    private final int runners;
    private final List<String> cliCommand;
    private final Map<String, Instant> renamedAt = new ConcurrentHashMap<>();
    private Path root;

    /**
     * @param cliCommand the command that runs the {@code lakehouse} CLI in a new JVM, for {@code runners > 1}
     */
    public TriggerLatencyBenchmark(Path workDir, int triggers, double rate, int runners, List<String> cliCommand) {
        this.workDir = workDir;
        this.triggers = triggers;
        this.rate = rate;
        this.runners = runners;
        this.cliCommand = List.copyOf(cliCommand);
    }

    public Result run() throws IOException, InterruptedException {
        root = workDir.resolve("triggers");
        RunnerConfig config = RunnerConfig.from(workDir, Map.of("trigger-root", root.toString(),
                "warm-up", "false", "max-concurrent-jobs", "2", "http-port", "-1"));
        if (runners == 1) {
            try (Runner runner = Runner.start(config, new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(),
                    RunListener.NONE, true)) {
                return measure(config);
            }
        }
        try (RunnerFleet fleet = RunnerFleet.start(cliCommand, runners, root, workDir, List.of("--http-port", "-1",
                "--set", "warm-up=false", "--set", "max-concurrent-jobs=2"))) {
            return measure(config);
        }
    }

    private Result measure(RunnerConfig config) throws IOException, InterruptedException {
        paced(config.incoming(), "warmup", Math.max(WARMUP_MIN, triggers / 10));
        long[] latencies = paced(config.incoming(), "paced", triggers);
        double perSecond = burst(config.incoming(), triggers);
        Percentiles p = new Percentiles(latencies);
        return new Result(p.at(50) / 1e6, p.at(99) / 1e6, perSecond, runners);
    }

    /** Drops {@code n} triggers at the pace, waits until all ran, returns each one's rename-to-start nanos. */
    private long[] paced(Path incoming, String prefix, int n) throws IOException, InterruptedException {
        RatePacer pacer = new RatePacer(rate);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait = pacer.nanosUntilDue(i, System.nanoTime() - t0);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            drop(incoming, prefix + "-" + i);
        }
        awaitAll(prefix, n);
        Map<String, Instant> started = startTimes(prefix);
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            latencies[i] = Duration.between(renamedAt.get(id), started.get(id)).toNanos();
        }
        return latencies;
    }

    private double burst(Path incoming, int n) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            drop(incoming, "burst-" + i);
        }
        awaitAll("burst", n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** The first STARTED time of each trigger id of the phase, from the ledger every runner shares. */
    private Map<String, Instant> startTimes(String prefix) throws IOException {
        Map<String, Instant> started = new java.util.HashMap<>();
        for (LedgerEntry e : LedgerReader.all(LedgerReader.file(root.resolve("ledger")))) {
            if (e.event() == LedgerEvent.STARTED) {
                e.triggerIds().stream().filter(id -> id.startsWith(prefix + "-"))
                        .forEach(id -> started.putIfAbsent(id, e.at()));
            }
        }
        return started;
    }

    private void awaitAll(String phase, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        Path results = root.resolve("results");
        int next = 0;
        while (next < n) {
            if (Files.exists(results.resolve(phase + "-" + next + ".json"))) {
                next++;
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Benchmark invalid: " + (n - next) + " trigger(s) of the " + phase
                        + " phase got no result within 5 minutes");
            }
            LockSupport.parkNanos(1_000_000);
        }
        LOG.info("Trigger benchmark: {} phase done", phase);
    }

    /** Writes a trigger under a temporary name and renames it in, noting the wall-clock time just before. */
    private void drop(Path incoming, String id) throws IOException {
        Path tmp = incoming.resolve(".noop." + id + ".tmp");
        Files.write(tmp, ("{\"id\":\"" + id + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        renamedAt.put(id, Clock.systemUTC().instant());
        Files.move(tmp, incoming.resolve("noop." + id + ".trigger"), StandardCopyOption.ATOMIC_MOVE);
    }
}
