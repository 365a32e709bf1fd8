package org.lakehouse.jobs.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bench.textbook.TextbookPipeline;
import org.lakehouse.jobs.bench.textbook.TextbookSession;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.jobs.silver.SilverJob;
import org.lakehouse.jobs.silver.SilverRules;
import org.lakehouse.producer.manifest.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times pipeline runs, Bronze then Silver then Gold, each round on a fresh lake, as the runner would run them, and
 * samples the used heap meanwhile. The input (default faults included) is produced before any timing, and a small
 * pipeline on another topic, run several times on lakes of its own, warms the session first. After each round,
 * untimed, its lake is reconciled against Kafka and the producer's manifest, so the figures are known to come from
 * correct runs; the round with the median total is reported. *Why full-size warm-up rounds first
 * ({@link BenchConfig#warmupRounds()}):* the first large run in a session still compiles its per-row paths (the
 * warm-up's few records do not reach the JIT's thresholds); a runner that has been up for a while has compiled
 * them. *Why several measured rounds:* the machines are noisy.
 *
 * <p>With a {@link PipelineBaseline}, every warm-up run and round also runs the textbook pipeline
 * ({@link TextbookPipeline}) on the same topic, on a lake of its own, in its own session at Spark's defaults; the
 * two sides take turns going first, so drift in the machine's load hits both.
 */
public final class PipelineBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBenchmark.class);

    public static final int DEFAULT_ROUNDS = 3;

    private final SparkSession spark;
    private final BenchConfig config;
    private final int rounds;
    private final Optional<PipelineBaseline> baseline;
    private final Clock clock;
    private TextbookSession textbook;

    /**
     * @param rounds   measured pipeline runs, each on a fresh lake, after the warm-up
     * @param baseline what to run beside ours in every round, or empty for ours alone
     */
    public PipelineBenchmark(SparkSession spark, BenchConfig config, int rounds, Optional<PipelineBaseline> baseline,
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

    public PipelineBenchmarkResult run() {
        long events = config.events();
        String topic = BenchInput.freshTopic("bench-pipeline");
        Manifest manifest = BenchInput.produce(config.bootstrap(), topic, events, clock);
        if (baseline.isPresent()) {
            textbook = TextbookSession.of(spark);
        }
        if (config.warmup()) {
            warmUp();
        }
        List<PipelineBenchmarkResult.Round> rounds = new ArrayList<>();
        List<PipelineBenchmarkResult.Round> textbookRounds = new ArrayList<>();
        ReconcileReport report = null;
        int warmupRounds = config.warmupRounds();
        int total = warmupRounds + this.rounds;
        for (int i = 1; i <= total; i++) {
            boolean measured = i > warmupRounds;
            // a path of its own per round (Spark caches table state by path); the last round's is kept as "lake"
            Path dir = config.workDir().resolve(i == total ? "lake" : "lake-" + i);
            LakePaths lake = new LakePaths(dir);
            Path textbookDir = config.workDir().resolve(i == total ? "textbook" : "textbook-" + i);
            // with a baseline, the textbook goes first in every other round
            boolean textbookFirst = baseline.isPresent() && i % 2 == 0;
            PipelineBenchmarkResult.Round textbookRound = textbookFirst ? textbookRound(textbookDir, topic, events)
                    : null;
            PipelineBenchmarkResult.Round round = round(lake, topic, events);
            if (baseline.isPresent() && !textbookFirst) {
                textbookRound = textbookRound(textbookDir, topic, events);
            }
            if (textbookRound != null) {
                LOG.info("{} {}/{}, textbook: {}", measured ? "Round" : "Warm-up round",
                        measured ? i - warmupRounds : i, measured ? this.rounds : warmupRounds,
                        textbookRound.figures());
                if (measured) {
                    textbookRounds.add(textbookRound);
                }
                compareSilver(lake, textbookDir);
                if (i < total) {
                    deleteLake(textbookDir);
                }
            }
            if (measured) {
                rounds.add(round);
                LOG.info("Round {}/{}: {}; reconciling (not timed)", i - warmupRounds, this.rounds, round.figures());
            } else {
                LOG.info("Warm-up round {}/{} (not reported): {}; reconciling (not timed)", i, warmupRounds,
                        round.figures());
            }
            // warm-up rounds too: the measured rounds then follow what they always follow, a reconcile
            report = new Reconciler(spark, lake).run(Optional.of(config.bootstrap()), Optional.of(manifest));
            if (!report.ok()) {
                if (rounds.isEmpty()) {
                    // a failed warm-up round ends the benchmark: its figures stand beside the failed reconcile
                    rounds.add(round);
                }
                break;
            }
            if (i < total) {
                deleteLake(dir);
            }
        }
        return new PipelineBenchmarkResult(events, rounds, textbookRounds, report);
    }

    /** One timed pipeline run on a fresh lake, with the heap sampled meanwhile. */
    private PipelineBenchmarkResult.Round round(LakePaths lake, String topic, long events) {
        JobRunner runner = Jobs.runner(lake);
        return timed("Bronze", topic, events, () -> run(runner, BronzeJob.NAME, bronzeParams(topic)).rowsIn(),
                () -> run(runner, SilverJob.NAME, Map.of()), () -> run(runner, GoldJob.NAME, Map.of()));
    }

    /** The textbook pipeline on the same topic, on a fresh lake of its own beside the round's. */
    private PipelineBenchmarkResult.Round textbookRound(Path dir, String topic, long events) {
        TextbookPipeline pipeline = new TextbookPipeline(textbook.session(), dir, SilverRules.loadDefault());
        return timed("the textbook Bronze", topic, events, () -> pipeline.bronze(config.bootstrap(), topic),
                pipeline::silver, pipeline::gold);
    }

    /**
     * Logs how many rows each Silver kept (not timed): the textbook's filter is written apart from our rules, so
     * the two should agree, and a difference says the comparison is not of the same work.
     */
    private void compareSilver(LakePaths ours, Path textbookLake) {
        long oursRows = spark.read().format("delta").load(ours.uri(LakeTable.SILVER_ORDERS)).count();
        long textbookRows = new TextbookPipeline(textbook.session(), textbookLake, SilverRules.loadDefault())
                .silverRows();
        if (oursRows == textbookRows) {
            LOG.info("Silver rows: ours {}, textbook {}", oursRows, textbookRows);
        } else {
            LOG.warn("Silver rows differ: ours {}, textbook {}; the textbook's filter no longer matches the rules "
                    + "file, so the sides do different work", oursRows, textbookRows);
        }
    }

    /**
     * Times three stages, the heap sampled meanwhile, and checks that the first read every record produced.
     *
     * @param bronze runs the first stage and returns the records it read
     */
    private PipelineBenchmarkResult.Round timed(String bronzeName, String topic, long events, LongSupplier bronze,
            Runnable silver, Runnable gold) {
        // start the peak from the live heap, not from the warm-up's or the previous round's garbage
        System.gc();
        try (HeapSampler heap = HeapSampler.start(HeapSampler.DEFAULT_INTERVAL);
                TaskCpu tasks = TaskCpu.start(spark)) {
            Mark start = Mark.take(tasks);
            long read = bronze.getAsLong();
            Mark bronzeDone = Mark.take(tasks);
            silver.run();
            Mark silverDone = Mark.take(tasks);
            gold.run();
            Mark goldDone = Mark.take(tasks);
            heap.close();
            BenchInput.checkRows(bronzeName, read, events, topic);
            return round(start, bronzeDone, silverDone, goldDone, heap.peakBytes());
        }
    }

    private static PipelineBenchmarkResult.Round round(Mark start, Mark bronze, Mark silver, Mark gold,
            long peakHeapBytes) {
        LOG.info("Benchmark: task CPU {} s, {} s, {} s; JIT compilation {} s, {} s, {} s; page faults {}, {}, {}",
                seconds(bronze.taskCpu - start.taskCpu), seconds(silver.taskCpu - bronze.taskCpu),
                seconds(gold.taskCpu - silver.taskCpu),
                seconds(bronze.jit - start.jit), seconds(silver.jit - bronze.jit), seconds(gold.jit - silver.jit),
                faultsBetween(start, bronze), faultsBetween(bronze, silver), faultsBetween(silver, gold));
        return new PipelineBenchmarkResult.Round(Duration.ofNanos(bronze.nanos - start.nanos),
                Duration.ofNanos(silver.nanos - bronze.nanos), Duration.ofNanos(gold.nanos - silver.nanos),
                peakHeapBytes);
    }

    /** What the round measures, read at a stage boundary: wall clock, task CPU, JIT time and page faults. */
    private record Mark(long nanos, double taskCpu, double jit, long faults) {
        static Mark take(TaskCpu tasks) {
            return new Mark(System.nanoTime(), tasks.seconds(), JitTime.seconds(), PageFaults.count());
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    /** Page faults between two marks as text: thousands, or "n/a" where the system does not count them. */
    private static String faultsBetween(Mark from, Mark to) {
        return from.faults < 0 || to.faults < 0 ? "n/a" : (to.faults - from.faults) / 1000 + "k";
    }

    private static void deleteLake(Path dir) {
        BenchFiles.deleteDirectory(dir, "the lake of a finished run");
        // Delta keeps each table path's log, snapshot and plans for an hour; a deleted lake's are garbage
        DeltaLog.clearCache();
    }

    /**
     * A small pipeline on a topic of its own, {@code warmupRuns} times, each on a lake of its own: classes loaded,
     * queries planned, the planner's code compiled; nothing shared with the measured rounds.
     */
    private void warmUp() {
        String topic = BenchInput.freshTopic("bench-pipeline-warmup");
        BenchInput.produce(config.bootstrap(), topic, config.warmupEvents(), clock);
        for (int i = 1; i <= config.warmupRuns(); i++) {
            LOG.info("Benchmark: warm-up {}/{} on {} records", i, config.warmupRuns(), config.warmupEvents());
            Path dir = config.workDir().resolve("warmup-" + i);
            JobRunner warmup = Jobs.runner(new LakePaths(dir));
            BenchInput.checkRows("the warm-up Bronze", run(warmup, BronzeJob.NAME, bronzeParams(topic)).rowsIn(),
                    config.warmupEvents(), topic);
            run(warmup, SilverJob.NAME, Map.of());
            run(warmup, GoldJob.NAME, Map.of());
            deleteLake(dir);
            if (baseline.isPresent()) {
                Path textbookDir = config.workDir().resolve("warmup-textbook-" + i);
                TextbookPipeline pipeline = new TextbookPipeline(textbook.session(), textbookDir,
                        SilverRules.loadDefault());
                BenchInput.checkRows("the warm-up textbook Bronze", pipeline.bronze(config.bootstrap(), topic),
                        config.warmupEvents(), topic);
                pipeline.silver();
                pipeline.gold();
                deleteLake(textbookDir);
            }
        }
    }

    private Map<String, String> bronzeParams(String topic) {
        return Map.of(BronzeJob.BOOTSTRAP.name(), config.bootstrap(), BronzeJob.TOPICS.name(), topic);
    }

    private JobMetrics run(JobRunner runner, String job, Map<String, String> params) {
        return runner.run(spark, job, params, false);
    }
}
