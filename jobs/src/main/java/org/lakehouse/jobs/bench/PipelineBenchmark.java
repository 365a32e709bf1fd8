package org.lakehouse.jobs.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private final String bootstrap;
    private final Path workDir;
    private final long events;
    private final Clock clock;

    /**
     * @param workDir an empty folder for the warm-up lake and the measured lake
     * @param events  records produced, and read by the measured Bronze run
     */
    public PipelineBenchmark(SparkSession spark, String bootstrap, Path workDir, long events, Clock clock) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1");
        }
        this.spark = spark;
        this.bootstrap = bootstrap;
        this.workDir = workDir;
        this.events = events;
        this.clock = clock;
    }

    public PipelineBenchmarkResult run() {
        String topic = BenchInput.freshTopic("bench-pipeline");
        String warmupTopic = BenchInput.freshTopic("bench-pipeline-warmup");
        Manifest manifest = BenchInput.produce(bootstrap, topic, events, clock);
        long warmupEvents = Math.min(events, BenchInput.WARMUP_EVENTS);
        BenchInput.produce(bootstrap, warmupTopic, warmupEvents, clock);

        LOG.info("Benchmark: warming up on {} records", warmupEvents);
        JobRunner warmup = Jobs.runner(new LakePaths(workDir.resolve("warmup")));
        BenchInput.checkRows("the warm-up Bronze", run(warmup, BronzeJob.NAME, bronzeParams(warmupTopic)).rowsIn(),
                warmupEvents, warmupTopic);
        run(warmup, SilverJob.NAME, Map.of());
        run(warmup, GoldJob.NAME, Map.of());

        LakePaths lake = new LakePaths(workDir.resolve("lake"));
        JobRunner runner = Jobs.runner(lake);
        // start the peak from the live heap, not from the warm-up's garbage
        System.gc();
        Duration bronze;
        Duration silver;
        Duration gold;
        long peak;
        try (HeapSampler heap = HeapSampler.start(HeapSampler.DEFAULT_INTERVAL)) {
            long t0 = System.nanoTime();
            JobMetrics bronzeMetrics = run(runner, BronzeJob.NAME, bronzeParams(topic));
            long t1 = System.nanoTime();
            run(runner, SilverJob.NAME, Map.of());
            long t2 = System.nanoTime();
            run(runner, GoldJob.NAME, Map.of());
            long t3 = System.nanoTime();
            heap.close();
            BenchInput.checkRows("Bronze", bronzeMetrics.rowsIn(), events, topic);
            bronze = Duration.ofNanos(t1 - t0);
            silver = Duration.ofNanos(t2 - t1);
            gold = Duration.ofNanos(t3 - t2);
            peak = heap.peakBytes();
        }
        LOG.info("Benchmark: bronze {} ms, silver {} ms, gold {} ms; reconciling (not timed)", bronze.toMillis(),
                silver.toMillis(), gold.toMillis());
        ReconcileReport report = new Reconciler(spark, lake).run(Optional.of(bootstrap), Optional.of(manifest));
        return new PipelineBenchmarkResult(events, bronze, silver, gold, peak, report);
    }

    private Map<String, String> bronzeParams(String topic) {
        return Map.of(BronzeJob.BOOTSTRAP.name(), bootstrap, BronzeJob.TOPICS.name(), topic);
    }

    private JobMetrics run(JobRunner runner, String job, Map<String, String> params) {
        return runner.run(spark, job, params, false);
    }
}
