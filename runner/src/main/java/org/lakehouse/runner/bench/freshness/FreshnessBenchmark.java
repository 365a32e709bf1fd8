package org.lakehouse.runner.bench.freshness;

import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.bench.BenchInput;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.producer.OrderProducer;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.publish.ProgressListener;
import org.lakehouse.producer.publish.TopicAdmin;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.launch.InProcessLauncher;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freshness under a steady load: a runner in this JVM with a warm Spark session, on a fresh trigger root and lake,
 * chaining bronze → silver → gold, with Bronze fed continuously ({@link BronzeFeed}); orders (JSON, default faults)
 * sent at a steady rate for a while; then, once Gold has counted every valid order, the runner stopped, the lake
 * reconciled against Kafka and the manifest, and each valid order's latency computed from the logs
 * ({@link FactsReader}, {@link LatencyAnalysis}).
 *
 * <p>Before the first order, one Bronze run on the empty topic and its chained Silver and Gold runs create the
 * tables and plan each query once, so the figure is a warm runner's, not a lake's first minute.
 *
 * <p>*Send time:* the producer stamps each record with its scheduled send time (its Kafka timestamp), a schedule
 * anchored at the time given before the producer starts; its pacing begins a little later (topic check, client
 * start). That delay is measured (the pacing's start, from the producer's progress reports, against the anchor) and
 * added to every timestamp, so an order's send time is when it was due to be sent; a producer that falls behind
 * sends later, and that delay is part of the latency.
 */
public final class FreshnessBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(FreshnessBenchmark.class);
    /** How long the first pipeline run, on the empty topic, may take. */
    private static final Duration PRIME_TIMEOUT = Duration.ofMinutes(5);

    private final FreshnessConfig config;
    private final Clock clock;

    public FreshnessBenchmark(FreshnessConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Bronze's feed: the runner's own continuous mode, reading the benchmark's topic. */
    private BronzeFeed feed(String topic) {
        return new RunnerContinuousFeed(config.poll().toMillis(), config.bootstrap(), topic);
    }

    public FreshnessResult run() throws IOException, InterruptedException {
        String topic = BenchInput.freshTopic("bench-freshness");
        TopicAdmin.ensureTopic(config.bootstrap(), topic, ProduceConfig.DEFAULT_PARTITIONS);
        // the runner's session, built before it starts, so it is warm and outlives the runner for the reconcile
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-runner", Map.of("spark.scheduler.mode", "FAIR"));
        BronzeFeed feed = feed(topic);
        Map<String, String> settings = new HashMap<>(Map.of("trigger-root", "triggers", "data-dir", "lake",
                "chain", "bronze>silver,silver>gold", "warm-up", "false", "http-port", "-1",
                // one worker per hop, so a Bronze run never waits for Silver and Gold to free one
                "max-concurrent-jobs", "3",
                "trigger-brokers", config.bootstrap()));
        settings.putAll(feed.runnerSettings());
        RunnerConfig runnerConfig = RunnerConfig.from(config.workDir(), settings);
        LakePaths lake = new LakePaths(runnerConfig.dataDir());
        Map<String, String> bronzeParams = Map.of(BronzeJob.BOOTSTRAP.name(), config.bootstrap(),
                BronzeJob.TOPICS.name(), topic);
        Progress progress = new Progress(feed.listener());
        Produced produced;
        try (RunnerApp runner = RunnerApp.start(runnerConfig, new InProcessLauncher(lake), clock, progress, true)) {
            TriggerWriter.write(runnerConfig.incoming(), new TriggerRequest(BronzeJob.NAME, "prime", bronzeParams,
                    "bench:freshness", null));
            if (progress.awaitGoldRuns(1, deadline(PRIME_TIMEOUT), runnerConfig, "the first pipeline run") < 1) {
                throw new IllegalStateException("Benchmark invalid: the first pipeline run, on the empty topic, did "
                        + "not reach Gold within " + PRIME_TIMEOUT.toMinutes() + " minutes; see the runner's log.");
            }
            LOG.info("Freshness: tables created; sending {} orders at {}/s for {} s", config.orders(), config.rate(),
                    config.duration().toSeconds());
            try (feed) {
                feed.start(runnerConfig.incoming(), bronzeParams);
                produced = produce(topic);
                awaitGold(spark, lake, produced, progress, runnerConfig);
            }
        }
        LOG.info("Freshness: runner stopped; reconciling, then reading the logs");
        ReconcileReport report = new Reconciler(spark, lake).run(Optional.of(config.bootstrap()),
                Optional.of(produced.result.manifest()));
        Latencies latencies = LatencyAnalysis.of(FactsReader.read(spark, lake, runnerConfig.root(),
                produced.sendOffsetMs));
        if (latencies.orders().isEmpty()) {
            throw new IllegalStateException("Benchmark invalid: no valid order could be followed to Gold ("
                    + latencies.firstUnresolved() + "); reconcile: " + report.render());
        }
        if (latencies.commitsOutsideRuns() > 0) {
            LOG.warn("Freshness: {} hop(s) ended in a commit outside every run of the ledger; their wait counts as 0",
                    latencies.commitsOutsideRuns());
        }
        return new FreshnessResult(latencies, produced.result.summary().eventsPerSecond(),
                produced.result.manifest().expected().silverRows(), produced.sendOffsetMs, report);
    }

    /** What the producer did, and how long after its timestamps it began sending. */
    private record Produced(ProduceResult result, long sendOffsetMs) {
    }

    /**
     * Sends the orders at the rate, stamped with their scheduled send times from now on (the generator spreads
     * them evenly over the duration, as the pacer sends them).
     */
    private Produced produce(String topic) {
        Instant anchor = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        GeneratorConfig generator = new GeneratorConfig(GeneratorConfig.DEFAULT_SEED, config.orders(), anchor,
                config.duration(), EventFormat.JSON, FaultRatios.DEFAULTS);
        ProduceConfig produce = new ProduceConfig(config.bootstrap(), topic, ProduceConfig.DEFAULT_PARTITIONS,
                generator, config.rate(), null, Map.of(), Duration.ofSeconds(1), ProduceConfig.DEFAULT_PRODUCER_ID);
        AtomicReference<Instant> pacingStart = new AtomicReference<>();
        ProgressListener listener = p -> pacingStart.compareAndSet(null, clock.instant().minus(p.elapsed()));
        ProduceResult result = new OrderProducer(produce, listener).run();
        if (!result.ok()) {
            throw new IllegalStateException("Benchmark invalid: Kafka at " + config.bootstrap() + " acknowledged "
                    + result.summary().acked() + " of " + result.summary().sent() + " orders sent to " + topic
                    + " (first error: " + result.summary().firstError() + "). Check the broker, then rerun.");
        }
        long offset = Duration.between(anchor, pacingStart.get()).toMillis();
        LOG.info("Freshness: {} orders sent at {} events/s, pacing began {} ms after the timestamps' anchor",
                result.summary().acked(), Math.round(result.summary().eventsPerSecond()), offset);
        return new Produced(result, offset);
    }

    /** Waits until Gold counts every valid order the manifest expects, looking after each Gold run. */
    private void awaitGold(SparkSession spark, LakePaths lake, Produced produced, Progress progress,
            RunnerConfig runnerConfig) throws InterruptedException {
        long expected = produced.result.manifest().expected().silverRows();
        long deadline = deadline(config.drainTimeout());
        long since = System.nanoTime();
        int runs = progress.goldRuns();
        for (long counted = goldOrders(spark, lake); counted < expected; counted = goldOrders(spark, lake)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Benchmark invalid: " + config.drainTimeout().toSeconds() + " s after "
                        + "the last order was sent, Gold counts " + counted + " of the " + expected + " valid orders: "
                        + "the pipeline does not keep up with --rate " + config.rate() + " here. Lower --rate or "
                        + "shorten --duration, or look at the runs in " + runnerConfig.ledger() + " (--data-dir keeps "
                        + "them).");
            }
            runs = progress.awaitGoldRuns(runs + 1, deadline, runnerConfig, "Gold counting every valid order");
        }
        LOG.info("Freshness: Gold counts all {} valid orders, {} ms after the last send", expected,
                (System.nanoTime() - since) / 1_000_000);
    }

    private static long goldOrders(SparkSession spark, LakePaths lake) {
        Row r = spark.read().format("delta").load(lake.uri(LakeTable.GOLD_REVENUE_BY_CITY_HOUR))
                .agg(sum("orders")).first();
        return r.isNullAt(0) ? 0 : r.getLong(0);
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Counts successful Gold runs and notes the first run that failed for good; passes every call on to the feed's
     * listener. Job threads call it; the benchmark's thread waits on it.
     */
    private static final class Progress implements RunListener {
        private final RunListener feed;
        private int goldRuns;
        private String failedRun;

        Progress(RunListener feed) {
            this.feed = feed;
        }

        @Override
        public void started(String runId, String job, List<String> triggerIds, int attempt) {
            feed.started(runId, job, triggerIds, attempt);
        }

        @Override
        public void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
            feed.finished(runId, job, triggerIds, succeeded);
            synchronized (this) {
                if (!succeeded && failedRun == null) {
                    failedRun = runId;
                } else if (succeeded && job.equals(GoldJob.NAME)) {
                    goldRuns++;
                }
                notifyAll();
            }
        }

        synchronized int goldRuns() {
            return goldRuns;
        }

        /**
         * Waits until at least {@code atLeast} Gold runs succeeded or the deadline passed, and returns how many did;
         * a run that failed for good ends the benchmark with the job's error.
         */
        synchronized int awaitGoldRuns(int atLeast, long deadlineNanos, RunnerConfig runner, String what)
                throws InterruptedException {
            while (goldRuns < atLeast && failedRun == null) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return goldRuns;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            if (failedRun != null) {
                throw new IllegalStateException("Benchmark invalid: run " + failedRun + " failed during " + what
                        + ": " + error(runner, failedRun));
            }
            return goldRuns;
        }

        private static String error(RunnerConfig runner, String runId) {
            try {
                return LedgerReader.all(LedgerReader.file(runner.ledger())).stream()
                        .filter(e -> e.event() == LedgerEvent.FAILED && runId.equals(e.runId()))
                        .map(LedgerEntry::error).findFirst().orElse("(no FAILED line in the ledger)");
            } catch (IOException e) {
                return "(the ledger could not be read: " + e + ")";
            }
        }
    }
}
