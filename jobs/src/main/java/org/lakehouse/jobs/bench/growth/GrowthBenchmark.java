package org.lakehouse.jobs.bench.growth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bench.BenchFiles;
import org.lakehouse.jobs.bench.BenchInput;
import org.lakehouse.jobs.bench.TaskCpu;
import org.lakehouse.jobs.bench.textbook.TextbookPipeline;
import org.lakehouse.jobs.bench.textbook.TextbookSession;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.jobs.silver.SilverJob;
import org.lakehouse.jobs.silver.SilverRules;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.publish.TopicAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how a round of new events costs on a lake that already holds a long history, against the same round on
 * an empty lake, in one warm JVM.
 *
 * <p>The history is produced to a topic of its own, its event times spread over {@link GrowthConfig#span()}, in
 * chunks of {@link GrowthConfig#chunk()} events; after each chunk our Bronze, Silver and Gold run once on the
 * history lake, as a runner would have run them over that time (the build is timed and logged, not reported).
 * Then rounds: each round's records (new events with the producer's default faults, plus copies of old history
 * events, {@link CopyKind}) go to the history topic and, identically, to a fresh topic; our three jobs run on the
 * history lake and, from that fresh topic, on an empty lake; the two take turns going first. After every round,
 * not timed, the history lake is checked ({@link CopyCheck}) and the empty lake reconciled against Kafka; a failed
 * check ends the benchmark.
 *
 * <p>With the textbook baseline a textbook lake is built from the same history topic and each round also runs the
 * textbook there ({@link TextbookPipeline}: its Bronze appends the round's records, Silver and Gold recompute
 * everything).
 */
public final class GrowthBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(GrowthBenchmark.class);

    /** The history's seeds, one per chunk from here; the rounds' from {@link #ROUND_SEED}, far apart. */
    static final long HISTORY_SEED = GeneratorConfig.DEFAULT_SEED;
    static final long ROUND_SEED = 1_000_000;
    /** The rounds' event time: after the history, ending at the top of the current hour. */
    static final Duration ROUND_WINDOW = Duration.ofDays(1);
    /** A round re-sends events at least this much older than the history's end, when the history has them. */
    static final Duration OLD = Duration.ofDays(7);
    static final int PARTITIONS = ProduceConfig.DEFAULT_PARTITIONS;

    /** The three ways a round runs. */
    enum Side {
        EMPTY("empty lake"), HISTORY("history lake"), TEXTBOOK("textbook, history lake");

        private final String label;

        Side(String label) {
            this.label = label;
        }
    }

    private final SparkSession spark;
    private final String bootstrap;
    private final Path workDir;
    private final GrowthConfig config;
    private final Clock clock;

    /**
     * @param bootstrap the Kafka to produce to and read from; the benchmark creates fresh topics on it
     * @param workDir   an empty folder for the lakes
     */
    public GrowthBenchmark(SparkSession spark, String bootstrap, Path workDir, GrowthConfig config, Clock clock) {
        this.spark = spark;
        this.bootstrap = bootstrap;
        this.workDir = workDir;
        this.config = config;
        this.clock = clock;
    }

    public GrowthResult run() {
        Instant historyEnd = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(ROUND_WINDOW);
        String topic = BenchInput.freshTopic("bench-growth-history");
        keepForever(topic);
        LakePaths historyLake = new LakePaths(workDir.resolve("history"));
        JobRunner history = Jobs.runner(historyLake);
        Duration build = buildHistory(history, topic, historyEnd.minus(config.span()));
        Optional<TextbookPipeline> textbook = config.baseline().map(b -> buildTextbook(topic));
        List<HistoryCopies.Original> originals = HistoryCopies.pick(spark, historyLake,
                config.copiesPerRound() * config.totalRounds(), historyEnd.minus(OLD), HISTORY_SEED);

        List<GrowthResult.Round> empty = new ArrayList<>();
        List<GrowthResult.Round> onHistory = new ArrayList<>();
        List<GrowthResult.Round> textbookRounds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (StepLogs steps = StepLogs.debug(SilverJob.class, GoldJob.class)) {
            for (int r = 0; r < config.totalRounds() && problems.isEmpty(); r++) {
                boolean measured = r >= config.warmupRounds();
                String label = measured ? "Round " + (r - config.warmupRounds() + 1) + "/" + config.rounds()
                        : "Warm-up round " + (r + 1) + "/" + config.warmupRounds() + " (not reported)";
                Instant start = historyEnd.plus(ROUND_WINDOW.multipliedBy(r).dividedBy(config.totalRounds()));
                String roundTopic = BenchInput.freshTopic("bench-growth-round");
                List<HistoryCopies.Sent> copies = produceRound(r, start, topic, roundTopic, originals);
                LakePaths emptyLake = new LakePaths(workDir.resolve("empty-" + (r + 1)));
                Map<Side, GrowthResult.Round> times = new EnumMap<>(Side.class);
                for (Side side : order(r, textbook.isPresent())) {
                    LOG.info("{}, {}: starting", label, side.label);
                    GrowthResult.Round round = switch (side) {
                        case EMPTY -> ours(Jobs.runner(emptyLake), roundTopic);
                        case HISTORY -> ours(history, topic);
                        case TEXTBOOK -> textbook(textbook.orElseThrow(), topic);
                    };
                    times.put(side, round);
                    LOG.info("{}, {}: {}", label, side.label, round.figures());
                }
                LOG.info("{}: history / empty = {}; checking the lakes (not timed)", label, String.format(Locale.ROOT,
                        "%.2f", (double) times.get(Side.HISTORY).totalMs()
                                / Math.max(1, times.get(Side.EMPTY).totalMs())));
                problems.addAll(prefixed(label + ", history lake: ",
                        new CopyCheck(spark, historyLake).problems(copies)));
                problems.addAll(prefixed(label + ", empty lake: ", new Reconciler(spark, emptyLake)
                        .run(Optional.of(bootstrap), Optional.empty()).differences()));
                if (r < config.totalRounds() - 1) {
                    deleteLake(emptyLake);
                }
                if (measured) {
                    empty.add(times.get(Side.EMPTY));
                    onHistory.add(times.get(Side.HISTORY));
                    if (textbook.isPresent()) {
                        textbookRounds.add(times.get(Side.TEXTBOOK));
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            LOG.info("Every round's copies are duplicates naming their originals; Silver holds each event id once; "
                    + "Gold equals Silver recomputed");
        }
        textbook.ifPresent(t -> LOG.info("Silver rows after the rounds: ours {}, textbook {}", spark.read()
                .format("delta").load(historyLake.uri(LakeTable.SILVER_ORDERS)).count(), t.silverRows()));
        if (empty.isEmpty() && problems.isEmpty()) {
            throw new IllegalStateException("no measured round and no problem: the benchmark ended early");
        }
        return new GrowthResult(config.history(), config.events(), build, empty, onHistory, textbookRounds,
                problems);
    }

    /** The sides of round {@code r}: empty, history (and textbook) in even rounds, the reverse in odd ones. */
    static List<Side> order(int r, boolean textbook) {
        List<Side> sides = new ArrayList<>(List.of(Side.EMPTY, Side.HISTORY));
        if (textbook) {
            sides.add(Side.TEXTBOOK);
        }
        if (r % 2 == 1) {
            Collections.reverse(sides);
        }
        return sides;
    }

    /**
     * Produces the history chunk by chunk, running our three jobs on the history lake after each; returns the
     * jobs' wall time (production not included).
     */
    private Duration buildHistory(JobRunner history, String topic, Instant from) {
        long spanMs = config.span().toMillis();
        long jobsNanos = 0;
        for (int k = 0; k < config.chunks(); k++) {
            long first = k * config.chunk();
            long count = Math.min(config.chunk(), config.history() - first);
            Instant start = from.plusMillis(spanMs * first / config.history());
            Duration span = Duration.ofMillis(Math.max(1, spanMs * count / config.history()));
            BenchInput.produce(bootstrap, topic, new GeneratorConfig(HISTORY_SEED + k, count, start, span,
                    EventFormat.JSON, FaultRatios.DEFAULTS));
            long started = System.nanoTime();
            GrowthResult.Round step = ours(history, topic, count);
            jobsNanos += System.nanoTime() - started;
            LOG.info("History build step {}/{}: {} events from {} over {}; {} (not reported)", k + 1, config.chunks(),
                    count, start, span, step.figures());
        }
        Duration build = Duration.ofNanos(jobsNanos);
        LOG.info("History lake: {} events over {} built in {} s by our jobs in {} step(s) (not reported)",
                config.history(), config.span(), build.toSeconds(), config.chunks());
        return build;
    }

    /** The textbook's lake, built from the whole history topic at once, as a tutorial's first run would. */
    private TextbookPipeline buildTextbook(String topic) {
        TextbookPipeline pipeline = new TextbookPipeline(TextbookSession.of(spark).session(),
                workDir.resolve("textbook"), SilverRules.loadDefault());
        long started = System.nanoTime();
        GrowthResult.Round build = textbook(pipeline, topic, config.history());
        LOG.info("Textbook lake: {} history events built in {} s; {} (not reported)", config.history(),
                (System.nanoTime() - started) / 1_000_000_000, build.figures());
        return pipeline;
    }

    /** Round {@code r}'s records: new events, then the copies, to the history topic and identically to a fresh one. */
    private List<HistoryCopies.Sent> produceRound(int r, Instant start, String historyTopic, String roundTopic,
            List<HistoryCopies.Original> originals) {
        Duration span = ROUND_WINDOW.dividedBy(config.totalRounds());
        long generated = config.events() - config.copiesPerRound();
        if (generated > 0) {
            GeneratorConfig events = new GeneratorConfig(ROUND_SEED + r, generated, start, span, EventFormat.JSON,
                    FaultRatios.DEFAULTS);
            BenchInput.produce(bootstrap, historyTopic, events);
            BenchInput.produce(bootstrap, roundTopic, events);
        } else {
            TopicAdmin.ensureTopic(bootstrap, roundTopic, PARTITIONS);
        }
        List<HistoryCopies.Copy> copies = HistoryCopies.forRound(originals, r, config.copiesPerRound(), PARTITIONS);
        Instant at = start.plus(span.dividedBy(2));
        List<HistoryCopies.Sent> sent = HistoryCopies.send(bootstrap, historyTopic, copies, at);
        HistoryCopies.send(bootstrap, roundTopic, copies, at);
        LOG.info("Round input: {} new events and {} copies of history events in {} and {} (not timed)", generated,
                copies.size(), historyTopic, roundTopic);
        return sent;
    }

    private GrowthResult.Round ours(JobRunner runner, String topic) {
        return ours(runner, topic, config.events());
    }

    /** Our three jobs once each, as the runner runs them. */
    private GrowthResult.Round ours(JobRunner runner, String topic, long expected) {
        Map<String, String> bronze = Map.of(BronzeJob.BOOTSTRAP.name(), bootstrap, BronzeJob.TOPICS.name(), topic);
        return timed("Bronze", topic, expected, () -> runner.run(spark, BronzeJob.NAME, bronze, false).rowsIn(),
                () -> runner.run(spark, SilverJob.NAME, Map.of(), false),
                () -> runner.run(spark, GoldJob.NAME, Map.of(), false));
    }

    private GrowthResult.Round textbook(TextbookPipeline pipeline, String topic) {
        return textbook(pipeline, topic, config.events());
    }

    private GrowthResult.Round textbook(TextbookPipeline pipeline, String topic, long expected) {
        return timed("the textbook Bronze", topic, expected, () -> pipeline.bronze(bootstrap, topic),
                pipeline::silver, pipeline::gold);
    }

    /** Times three stages, logging each one's task CPU, and checks that the first read what was produced. */
    private GrowthResult.Round timed(String bronzeName, String topic, long expected, LongSupplier bronze,
            Runnable silver, Runnable gold) {
        // start from the live heap, not from the previous side's garbage
        System.gc();
        try (TaskCpu tasks = TaskCpu.start(spark)) {
            long t0 = System.nanoTime();
            long read = bronze.getAsLong();
            long t1 = System.nanoTime();
            double c1 = tasks.seconds();
            silver.run();
            long t2 = System.nanoTime();
            double c2 = tasks.seconds();
            gold.run();
            long t3 = System.nanoTime();
            double c3 = tasks.seconds();
            BenchInput.checkRows(bronzeName, read, expected, topic);
            LOG.info("Benchmark: task CPU {} s, {} s, {} s", String.format(Locale.ROOT, "%.1f", c1),
                    String.format(Locale.ROOT, "%.1f", c2 - c1), String.format(Locale.ROOT, "%.1f", c3 - c2));
            return new GrowthResult.Round((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
    }

    /**
     * Creates the history topic and turns time-based retention off for it. *Why:* its records carry event and
     * Kafka times months old, which a broker's default retention (seven days) would delete at its next check.
     */
    private void keepForever(String topic) {
        TopicAdmin.ensureTopic(bootstrap, topic, PARTITIONS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET))))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new JobException("Cannot turn retention off for the history topic " + topic + " on " + bootstrap
                    + " (" + e + "): its months-old records could be deleted mid-benchmark. Check that the broker "
                    + "allows topic config changes, then rerun.", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException("Interrupted while configuring " + topic, false, e);
        }
    }

    /** Deletes a finished empty lake and forgets Delta's cached logs of its tables only (the history's stay). */
    private void deleteLake(LakePaths lake) {
        for (LakeTable t : LakeTable.values()) {
            DeltaLog.invalidateCache(spark, new org.apache.hadoop.fs.Path(lake.uri(t)));
        }
        BenchFiles.deleteDirectory(lake.dataDir(), "the empty lake of a finished round");
    }

    private static List<String> prefixed(String prefix, Collection<String> lines) {
        return lines.stream().map(l -> prefix + l).toList();
    }
}
