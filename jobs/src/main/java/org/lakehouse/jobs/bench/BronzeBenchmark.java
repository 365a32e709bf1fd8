package org.lakehouse.jobs.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.StreamRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the Bronze job against a baseline that reads the same topic with the same Kafka source options and
 * throws the rows away ({@code format("noop")}, the default): the ratio is what parsing the headers, writing Delta
 * and committing cost on top of reading Kafka. The other {@link BronzeBaseline} writes Bronze's rows to plain
 * Parquet files instead, so its ratio is what Delta costs on top of the same files. Both sides run as bounded
 * AvailableNow queries through the same {@link StreamRun} harness, from a fresh checkpoint (Bronze: a fresh table
 * too) each round. The input is produced once before any timing; small warm-up runs of each side
 * ({@link BenchConfig#warmupRuns()}), on a topic of their own, load classes, plan queries and let the JIT compile
 * the planner's code; full-size warm-up rounds of each side ({@link BenchConfig#warmupRounds()}) compile the
 * per-row paths; rounds then alternate the sides and the medians are reported.
 */
public final class BronzeBenchmark {
    public static final int DEFAULT_ROUNDS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(BronzeBenchmark.class);

    private final SparkSession spark;
    private final BenchConfig config;
    private final int rounds;
    private final BronzeBaseline baseline;
    private final Clock clock;

    /**
     * @param rounds   measured rounds per side, after the warm-up
     * @param baseline the sink the other side reads Kafka into
     */
    public BronzeBenchmark(SparkSession spark, BenchConfig config, int rounds, BronzeBaseline baseline,
            Clock clock) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        this.spark = spark;
        this.config = config;
        this.rounds = rounds;
        this.baseline = baseline;
        this.clock = clock;
    }

    public BronzeBenchmarkResult run() {
        long events = config.events();
        String topic = BenchInput.freshTopic("bench-bronze");
        BenchInput.produce(config.bootstrap(), topic, events, clock);
        String side = baseline.cliName();
        if (config.warmup()) {
            long warmupEvents = config.warmupEvents();
            String warmupTopic = BenchInput.freshTopic("bench-bronze-warmup");
            BenchInput.produce(config.bootstrap(), warmupTopic, warmupEvents, clock);
            JobRunner warmup = Jobs.runner(new LakePaths(config.workDir().resolve("warmup")));
            for (int i = 1; i <= config.warmupRuns(); i++) {
                LOG.info("Benchmark: warm-up {}/{} on {} records", i, config.warmupRuns(), warmupEvents);
                baseline(warmupTopic, config.workDir().resolve("warmup-" + side), "run-" + i, warmupEvents);
                bronze(warmup, warmupTopic, warmupEvents);
            }
        }

        JobRunner runner = Jobs.runner(new LakePaths(config.workDir().resolve("lake")));
        Path baselineDir = config.workDir().resolve(side);
        for (int i = 1; i <= config.warmupRounds(); i++) {
            double n = baseline(topic, baselineDir, "warmup-" + i, events);
            double b = bronze(runner, topic, events);
            LOG.info("Warm-up round {}/{} (not reported): {} {} events/s, bronze {} events/s", i,
                    config.warmupRounds(), side, Math.round(n), Math.round(b));
        }
        List<Double> base = new ArrayList<>();
        List<Double> bronze = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            double n;
            double nCpu;
            double b;
            double bCpu;
            try (TaskCpu cpu = TaskCpu.start(spark)) {
                n = baseline(topic, baselineDir, "round-" + i, events);
                nCpu = cpu.seconds();
            }
            try (TaskCpu cpu = TaskCpu.start(spark)) {
                b = bronze(runner, topic, events);
                bCpu = cpu.seconds();
            }
            base.add(n);
            bronze.add(b);
            LOG.info("Round {}/{}: {} {} events/s ({} s task CPU), bronze {} events/s ({} s task CPU)", i, rounds,
                    side, Math.round(n), String.format(Locale.ROOT, "%.1f", nCpu), Math.round(b),
                    String.format(Locale.ROOT, "%.1f", bCpu));
        }
        return new BronzeBenchmarkResult(events, baseline, bronze, base);
    }

    /**
     * The baseline: BronzeJob's Kafka source, unchanged, into the baseline's sink, from a fresh checkpoint under
     * {@code dir}; the files a Parquet baseline wrote are deleted after the clock stops.
     */
    private double baseline(String topic, Path dir, String run, long expected) {
        // BronzeJob's own reader at its defaults (starting_offsets=earliest, fail_on_data_loss=true,
        // max_records_per_task)
        Path output = dir.resolve(run + "-rows");
        var writer = baseline.writer(BronzeJob.kafkaSource(spark, config.bootstrap(), List.of(topic), "earliest",
                true, BronzeJob.DEFAULT_MAX_RECORDS_PER_TASK).load(), output, clock.instant());
        long started = System.nanoTime();
        StreamRun.Outcome outcome = StreamRun.run("bench-" + baseline.cliName(), spark, writer,
                dir.resolve(run).toString(), clock);
        long nanos = System.nanoTime() - started;
        BenchInput.checkRows("the " + baseline.cliName() + " baseline", outcome.rowsIn(), expected, topic);
        BenchFiles.deleteDirectory(output, "the baseline's files");
        return perSecond(expected, nanos);
    }

    /** The real job, as the runner runs it, into a fresh table: the reset is done before the clock starts. */
    private double bronze(JobRunner runner, String topic, long expected) {
        runner.reset(BronzeJob.NAME);
        Map<String, String> params = Map.of(BronzeJob.BOOTSTRAP.name(), config.bootstrap(),
                BronzeJob.TOPICS.name(), topic);
        long started = System.nanoTime();
        JobMetrics metrics = runner.run(spark, BronzeJob.NAME, params, false);
        long nanos = System.nanoTime() - started;
        BenchInput.checkRows("Bronze", metrics.rowsIn(), expected, topic);
        return perSecond(expected, nanos);
    }

    private static double perSecond(long events, long nanos) {
        return events * 1e9 / Math.max(1, nanos);
    }
}
