package org.lakehouse.runner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lakehouse.jobs.bench.BenchInput;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.launch.InProcessLauncher;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm empty run: a lake whose Bronze and Silver are up to date after two increments (the events, then
 * {@value #INCREMENT} more), then {@code rounds} silver triggers through a
 * runner with a warm session, each timed from the trigger's rename to the run's end (median reported); beside it,
 * in the same benchmark run, the same silver job in a fresh JVM (spark-submit's cost: JVM, session, first query),
 * timed from process start to exit.
 */
public final class EmptyRunBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(EmptyRunBenchmark.class);
    /** Records of the second, small production before the timed runs. */
    static final long INCREMENT = 100;

    /** What one run printed. */
    public record Result(long emptyRunMs, long coldRunMs) {
        public String resultLine() {
            return String.format(Locale.ROOT, "RESULT empty_run_ms=%d cold_run_ms=%d", emptyRunMs, coldRunMs);
        }
    }

    private final String bootstrap;
    private final Path workDir;
    private final long events;
    private final int rounds;
    private final ColdJob cold;
    private volatile CompletableFuture<Long> runEnd;

    public EmptyRunBenchmark(String bootstrap, Path workDir, long events, int rounds, ColdJob cold) {
        this.bootstrap = bootstrap;
        this.workDir = workDir;
        this.events = events;
        this.rounds = rounds;
        this.cold = cold;
    }

    public Result run() throws IOException, InterruptedException {
        String topic = BenchInput.freshTopic("bench-empty");
        BenchInput.produce(bootstrap, topic, events, Clock.systemUTC());
        Path lake = workDir.resolve("lake");
        RunnerConfig config = RunnerConfig.from(workDir, Map.of("trigger-root", workDir.resolve("triggers")
                .toString(), "data-dir", lake.toString(), "warm-up", "true", "http-port", "-1"));
        RunListener listener = new RunListener() {
            @Override
            public void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
                runEnd.complete(System.nanoTime());
            }
        };
        List<Long> warm = new ArrayList<>();
        JobLauncher launcher = new InProcessLauncher(new LakePaths(lake));
        try (Runner runner = Runner.start(config, launcher, Clock.systemUTC(), listener, true)) {
            timed(config, "bronze", Map.of("bootstrap", bootstrap, "topics", topic), "prepare-bronze", -1);
            timed(config, "silver", Map.of(), "prepare-silver", -1);
            // one more increment, so Silver's position is a Bronze commit and no longer inside the initial snapshot
            // of Bronze its first run read: Delta's stream re-sorts that whole snapshot at every start until then
            // (about 150 ms here), a state a runner leaves at its second Bronze batch
            BenchInput.produce(bootstrap, topic, INCREMENT, Clock.systemUTC());
            timed(config, "bronze", Map.of("bootstrap", bootstrap, "topics", topic), "prepare-bronze-2", -1);
            timed(config, "silver", Map.of(), "prepare-silver-2", -1);
            for (int i = 0; i < rounds; i++) {
                warm.add(timed(config, "silver", Map.of(), "empty-" + i, 0));
            }
        }
        long coldMs = cold.runMillis("silver", lake);
        long median = warm.stream().sorted().toList().get(warm.size() / 2);
        LOG.info("Empty silver runs, warm (ms): {}; cold JVM: {} ms", warm, coldMs);
        return new Result(median, coldMs);
    }

    /** Drops a trigger, waits for its run to end; checks it read {@code expectRows} rows (unless negative). */
    private long timed(RunnerConfig config, String job, Map<String, String> params, String id, long expectRows)
            throws IOException, InterruptedException {
        runEnd = new CompletableFuture<>();
        long t0 = System.nanoTime();
        TriggerWriter.write(config.incoming(), TriggerRequest.of(job, id, params));
        long end;
        try {
            end = runEnd.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Benchmark invalid: " + job + " run for " + id + " did not end", e);
        }
        Optional<RunResult> result = new ResultStore(config.results()).read(id);
        if (result.isEmpty() || result.get().status() != ResultStatus.SUCCEEDED) {
            throw new IllegalStateException("Benchmark invalid: " + job + " run " + id + " did not succeed: "
                    + result.map(RunResult::error).orElse("no result"));
        }
        if (expectRows >= 0 && result.get().metrics().rowsIn() != expectRows) {
            throw new IllegalStateException("Benchmark invalid: the empty " + job + " run read "
                    + result.get().metrics().rowsIn() + " rows");
        }
        return (end - t0) / 1_000_000;
    }
}
