package org.lakehouse.jobs.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.jobs.silver.SilverJob;
import org.lakehouse.producer.manifest.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times one pipeline run, Bronze then Silver then Gold, on a fresh lake, as the runner would run them, and samples
 * the used heap meanwhile. The input (default faults included) is produced before any timing, and a small pipeline
 * on another topic and lake warms the session first. Afterwards, untimed, the lake is reconciled against Kafka and
 * the producer's manifest, so the figures are known to come from a correct run.
 */
public final class PipelineBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBenchmark.class);

    private final SparkSession spark;
    private final BenchConfig config;
    private final Clock clock;

    public PipelineBenchmark(SparkSession spark, BenchConfig config, Clock clock) {
        this.spark = spark;
        this.config = config;
        this.clock = clock;
    }

    public PipelineBenchmarkResult run() {
        long events = config.events();
        String topic = BenchInput.freshTopic("bench-pipeline");
        Manifest manifest = BenchInput.produce(config.bootstrap(), topic, events, clock);
        if (config.warmup()) {
            warmUp();
        }

        LakePaths lake = new LakePaths(config.workDir().resolve("lake"));
        JobRunner runner = Jobs.runner(lake);
        // start the peak from the live heap, not from the warm-up's garbage
        System.gc();
        Duration bronze;
        Duration silver;
        Duration gold;
        long peak;
        double[] cpu = new double[3];
        try (HeapSampler heap = HeapSampler.start(HeapSampler.DEFAULT_INTERVAL);
                TaskCpu tasks = TaskCpu.start(spark)) {
            long t0 = System.nanoTime();
            JobMetrics bronzeMetrics = run(runner, BronzeJob.NAME, bronzeParams(topic));
            long t1 = System.nanoTime();
            cpu[0] = tasks.seconds();
            run(runner, SilverJob.NAME, Map.of());
            long t2 = System.nanoTime();
            cpu[1] = tasks.seconds();
            run(runner, GoldJob.NAME, Map.of());
            long t3 = System.nanoTime();
            cpu[2] = tasks.seconds();
            heap.close();
            BenchInput.checkRows("Bronze", bronzeMetrics.rowsIn(), events, topic);
            bronze = Duration.ofNanos(t1 - t0);
            silver = Duration.ofNanos(t2 - t1);
            gold = Duration.ofNanos(t3 - t2);
            peak = heap.peakBytes();
        }
        LOG.info("Benchmark: bronze {} ms, silver {} ms, gold {} ms (task CPU {} s, {} s, {} s); reconciling "
                + "(not timed)", bronze.toMillis(), silver.toMillis(), gold.toMillis(),
                String.format(Locale.ROOT, "%.1f", cpu[0]), String.format(Locale.ROOT, "%.1f", cpu[1] - cpu[0]),
                String.format(Locale.ROOT, "%.1f", cpu[2] - cpu[1]));
        ReconcileReport report = new Reconciler(spark, lake).run(Optional.of(config.bootstrap()),
                Optional.of(manifest));
        return new PipelineBenchmarkResult(events, bronze, silver, gold, peak, report);
    }

    /** A small pipeline on a topic and lake of its own: classes loaded, queries planned, nothing shared. */
    private void warmUp() {
        String topic = BenchInput.freshTopic("bench-pipeline-warmup");
        BenchInput.produce(config.bootstrap(), topic, config.warmupEvents(), clock);
        LOG.info("Benchmark: warming up on {} records", config.warmupEvents());
        JobRunner warmup = Jobs.runner(new LakePaths(config.workDir().resolve("warmup")));
        BenchInput.checkRows("the warm-up Bronze", run(warmup, BronzeJob.NAME, bronzeParams(topic)).rowsIn(),
                config.warmupEvents(), topic);
        run(warmup, SilverJob.NAME, Map.of());
        run(warmup, GoldJob.NAME, Map.of());
    }

    private Map<String, String> bronzeParams(String topic) {
        return Map.of(BronzeJob.BOOTSTRAP.name(), config.bootstrap(), BronzeJob.TOPICS.name(), topic);
    }

    private JobMetrics run(JobRunner runner, String job, Map<String, String> params) {
        return runner.run(spark, job, params, false);
    }
}
