package org.lakehouse.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.lakehouse.producer.publish.RatePacer;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.launch.NoopLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trigger latency: a runner with the {@code noop} job on a fresh trigger root; each trigger is written to a hidden
 * temporary name and renamed into {@code incoming/}, and its latency is the time from just before the rename to
 * the start of the run that serves it. Triggers are paced at {@code rate} per second (a burst would measure the
 * queue, not the path); afterwards the same number is dropped at once and {@code triggers_per_s} is how fast the
 * runner answered all of them. A warm-up of {@code triggers / 10} precedes the timing.
 */
public final class TriggerLatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerLatencyBenchmark.class);

    /** What one run printed. */
    public record Result(double p50Ms, double p99Ms, double triggersPerS) {
        public String resultLine() {
            return String.format(Locale.ROOT, "RESULT trigger_to_start_p50_ms=%.1f p99_ms=%.1f triggers_per_s=%.0f",
                    p50Ms, p99Ms, triggersPerS);
        }
    }

    private final Path workDir;
    private final int triggers;
    private final double rate;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private volatile CountDownLatch finished;

    public TriggerLatencyBenchmark(Path workDir, int triggers, double rate) {
        this.workDir = workDir;
        this.triggers = triggers;
        this.rate = rate;
    }

    public Result run() throws IOException, InterruptedException {
        RunnerConfig config = RunnerConfig.from(workDir, Map.of("trigger-root", workDir.resolve("triggers").toString(),
                "warm-up", "false", "max-concurrent-jobs", "2", "http-port", "-1"));
        RunListener listener = new RunListener() {
            @Override
            public void started(String runId, String job, List<String> triggerIds, int attempt) {
                long now = System.nanoTime();
                triggerIds.forEach(id -> started.putIfAbsent(id, now));
            }

            @Override
            public void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
                triggerIds.forEach(id -> finished.countDown());
            }
        };
        try (Runner runner = Runner.start(config, new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(), listener,
                true)) {
            paced(config.incoming(), "warmup", Math.max(10, triggers / 10));
            long[] latencies = paced(config.incoming(), "paced", triggers);
            double perSecond = burst(config.incoming(), triggers);
            Percentiles p = new Percentiles(latencies);
            return new Result(p.at(50) / 1e6, p.at(99) / 1e6, perSecond);
        }
    }

    /** Drops {@code n} triggers at the pace, waits until all ran, returns each one's rename-to-start nanos. */
    private long[] paced(Path incoming, String prefix, int n) throws IOException, InterruptedException {
        finished = new CountDownLatch(n);
        long[] renamedAt = new long[n];
        RatePacer pacer = new RatePacer(rate);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait = pacer.nanosUntilDue(i, System.nanoTime() - t0);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            renamedAt[i] = drop(incoming, prefix + "-" + i);
        }
        awaitAll(prefix);
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            latencies[i] = started.get(prefix + "-" + i) - renamedAt[i];
        }
        return latencies;
    }

    private double burst(Path incoming, int n) throws IOException, InterruptedException {
        finished = new CountDownLatch(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            drop(incoming, "burst-" + i);
        }
        awaitAll("burst");
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private void awaitAll(String phase) throws InterruptedException {
        if (!finished.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Benchmark invalid: " + finished.getCount() + " trigger(s) of the "
                    + phase + " phase got no run within 5 minutes");
        }
        LOG.info("Trigger benchmark: {} phase done", phase);
    }

    /** Writes a trigger under a temporary name and renames it in; returns the nanoTime just before the rename. */
    private static long drop(Path incoming, String id) throws IOException {
        Path tmp = incoming.resolve(".noop." + id + ".tmp");
        Files.write(tmp, ("{\"id\":\"" + id + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long at = System.nanoTime();
        Files.move(tmp, incoming.resolve("noop." + id + ".trigger"), StandardCopyOption.ATOMIC_MOVE);
        return at;
    }
}
