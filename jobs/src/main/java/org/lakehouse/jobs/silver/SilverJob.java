package org.lakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.BatchConstants;
import org.lakehouse.jobs.core.CheckpointGuard;
import org.lakehouse.jobs.core.DeltaStatePrefetch;
import org.lakehouse.jobs.core.DeltaStreams;
import org.lakehouse.jobs.core.DeltaTables;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobContext;
import org.lakehouse.jobs.core.JobErrors;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobParams;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ParallelSteps;
import org.lakehouse.jobs.core.ParamSpec;
import org.lakehouse.jobs.core.SparkCheckpoints;
import org.lakehouse.jobs.core.StepTimer;
import org.lakehouse.jobs.core.StreamRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bronze.orders_raw} → {@code silver.orders}, {@code silver.orders_quarantine} and
 * {@code silver.orders_duplicates}: every Bronze row lands in exactly one of the three. Each micro-batch writes the
 * three tables with Delta's idempotent-write options ({@code txnAppId} = the checkpoint's id, {@code txnVersion} =
 * the batch id), so a batch replayed after a crash writes nothing twice.
 */
public final class SilverJob implements Job {
    public static final String NAME = "silver";
    private static final Logger LOG = LoggerFactory.getLogger(SilverJob.class);

    /**
     * The rules, format and Bronze schema the rules last compiled against: a warm session running Silver again
     * with the same ones skips the check (tens of milliseconds of analysis per run).
     */
    private volatile List<Object> compiledFor;

    public static final ParamSpec<String> RULES = ParamSpec.path("rules", null,
            "rules file; default config/silver-rules.yaml (the jar's copy outside a checkout)");
    public static final ParamSpec<String> DEFAULT_FORMAT = new ParamSpec<>("default_format", "json",
            "format of Bronze rows without a content-type header: json or avro", v -> {
                String f = v.strip().toLowerCase(java.util.Locale.ROOT);
                if (!f.equals("json") && !f.equals("avro")) {
                    throw new IllegalArgumentException("must be json or avro");
                }
                return f;
            });
    public static final ParamSpec<Long> MAX_FILES_PER_TRIGGER = ParamSpec.positiveLong("max_files_per_trigger",
            null, "cap on Bronze files per micro-batch (Delta's default is 1000)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "bronze.orders_raw → silver.orders (typed, deduplicated), orders_quarantine, orders_duplicates";
    }

    @Override
    public List<ParamSpec<?>> params() {
        return List.of(RULES, DEFAULT_FORMAT, MAX_FILES_PER_TRIGGER);
    }

    @Override
    public List<LakeTable> outputs() {
        return List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE, LakeTable.SILVER_DUPLICATES);
    }

    @Override
    public JobMetrics run(JobContext ctx) {
        JobParams p = ctx.params();
        LakePaths paths = ctx.paths();
        SparkSession spark = ctx.spark();
        SilverRules rules = p.find(RULES).map(f -> SilverRules.load(Path.of(f))).orElseGet(SilverRules::loadDefault);
        if (!paths.exists(LakeTable.BRONZE_ORDERS_RAW)) {
            throw JobErrors.upstreamMissing(NAME, LakeTable.BRONZE_ORDERS_RAW.qualifiedName(), BronzeJob.NAME);
        }
        String definition = "source=" + LakeTable.BRONZE_ORDERS_RAW.folder() + " tables=" + outputs().stream()
                .map(LakeTable::folder).collect(Collectors.joining(","));
        String txnAppId = CheckpointGuard.check(spark, NAME, paths.checkpoint(NAME), definition, paths, outputs());
        DeltaTables.ensure(spark, paths, LakeTable.SILVER_ORDERS, SilverTables.ORDERS,
                DeltaTables.statsColumns(SilverTables.ORDERS_STATS), "event_date");
        DeltaTables.ensure(spark, paths, LakeTable.SILVER_QUARANTINE, SilverTables.QUARANTINE,
                DeltaTables.statsColumns(SilverTables.QUARANTINE_STATS));
        DeltaTables.ensure(spark, paths, LakeTable.SILVER_DUPLICATES, SilverTables.DUPLICATES,
                DeltaTables.statsColumns(SilverTables.DUPLICATES_STATS));
        String defaultFormat = p.get(DEFAULT_FORMAT);
        Dataset<Row> bronzeSample = spark.read().format("delta").load(paths.uri(LakeTable.BRONZE_ORDERS_RAW));
        List<Object> compileKey = List.of(rules, defaultFormat, bronzeSample.schema());
        if (!compileKey.equals(compiledFor)) {
            RuleEngine.compile(spark, rules, OrderParser.parse(bronzeSample, rules, defaultFormat).schema());
            compiledFor = compileKey;
        }

        Map<String, String> sourceOptions = p.find(MAX_FILES_PER_TRIGGER)
                .map(n -> Map.of("maxFilesPerTrigger", Long.toString(n))).orElse(Map.of());
        // only the columns Silver reads: a foreachBatch batch arrives as an already planned scan, so a projection
        // inside the batch no longer reaches the Parquet reader, which then decoded every column (headers too)
        Dataset<Row> bronze = DeltaStreams.read(spark, paths, LakeTable.BRONZE_ORDERS_RAW, sourceOptions)
                .select(OrderParser.INPUT_COLUMNS
                .stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
        Batches batches = new Batches(paths, rules, defaultFormat, txnAppId, ctx.clock());
        StreamRun.Outcome outcome;
        try (DeltaStatePrefetch prefetch = DeltaStatePrefetch.start(spark, paths, outputs())) {
            outcome = StreamRun.run(NAME, spark, bronze.writeStream().foreachBatch((batch, id) -> {
                prefetch.awaitLoaded();
                batches.write(batch, id);
            }), paths.checkpoint(NAME).toString(), ctx.clock());
        }
        return outcome.metrics(NAME, batches.counters.getOrDefault("silver_rows", 0L), batches.counters);
    }

    /** The per-batch work, on the driver; counters are summed over the run's batches. */
    static final class Batches {
        private final LakePaths paths;
        private final SilverRules rules;
        private final String defaultFormat;
        private final String txnAppId;
        private final Clock clock;
        final Map<String, Long> counters = new TreeMap<>();

        Batches(LakePaths paths, SilverRules rules, String defaultFormat, String txnAppId, Clock clock) {
            this.paths = paths;
            this.rules = rules;
            this.defaultFormat = defaultFormat;
            this.txnAppId = txnAppId;
            this.clock = clock;
        }

        void write(Dataset<Row> batch, Long batchId) {
            SparkSession spark = batch.sparkSession();
            // one time for the batch's three tables, kept out of the generated code (see BatchConstants)
            Column now = BatchConstants.timestamp(clock.instant());
            Dataset<Row> evaluated = SilverTransform.rawBytesOnlyWhereQuarantined(
                    RuleEngine.evaluate(OrderParser.parse(batch, rules, defaultFormat), rules))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            StepTimer steps = new StepTimer();
            try {
                long validRows = tally(evaluated);
                steps.done("parse and tally");
                Dataset<Row> valid = SilverTransform.valid(evaluated, now);
                // every date: a copy may carry another event time than its original
                Dataset<Row> existing = SilverTransform.existingKeys(
                        spark.read().format("delta").load(paths.uri(LakeTable.SILVER_ORDERS)));
                // the quarantine needs nothing deduplication finds; each append goes to a table of its own
                AtomicReference<Copies> found = new AtomicReference<>();
                ParallelSteps.run(NAME, List.of(
                        new ParallelSteps.Step("quarantine", () -> append(SilverTransform.quarantine(evaluated, now),
                                LakeTable.SILVER_QUARANTINE, batchId)),
                        new ParallelSteps.Step("deduplicate", () -> found.set(copies(valid, existing)))));
                Dataset<Row> copies = found.get().rows();
                long duplicates = found.get().count();
                steps.done("quarantine, deduplicate");
                try {
                    add("silver_rows", validRows - duplicates);
                    add("duplicates", duplicates);
                    ParallelSteps.run(NAME, List.of(
                            new ParallelSteps.Step("duplicates", () -> append(SilverTransform.duplicates(copies, now),
                                    LakeTable.SILVER_DUPLICATES, batchId)),
                            new ParallelSteps.Step("orders", () -> append(SilverTransform.originals(valid, copies),
                                    LakeTable.SILVER_ORDERS, batchId))));
                    steps.done("duplicates, orders");
                    LOG.debug("Silver batch {}: {}", batchId, steps);
                } finally {
                    SparkCheckpoints.release(copies);
                }
            } finally {
                evaluated.unpersist();
            }
        }

        /**
         * The batch's duplicate copies ({@link SilverTransform#duplicateCopies}) and their number, stored as a local
         * checkpoint.
         * *Why stored without their plan:* Spark plans every cached plan that reads a table again after a write to
         * it, and the copies read {@code silver.orders}: cached, the orders append would list the version it had
         * just written for a cache about to be dropped. *Why cached first:* the checkpoint then carries the cache's
         * real size, so the anti-join of the orders append broadcasts it; a checkpoint of the uncached copies took
         * the window's estimate, and the anti-join became a sort-merge join that shuffled every valid row.
         */
        private static Copies copies(Dataset<Row> valid, Dataset<Row> existing) {
            Dataset<Row> cached = SilverTransform.duplicateCopies(valid, existing)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                // counted first: the cache knows its size once built, and the checkpoint takes it from there
                long count = cached.count();
                return new Copies(cached.localCheckpoint(true), count);
            } finally {
                cached.unpersist();
            }
        }

        /** A batch's duplicate copies, stored, and how many they are. */
        record Copies(Dataset<Row> rows, long count) {
        }

        /**
         * Counts the batch in one pass: rows, quarantined rows and each rule's failures; stops the run on a failed
         * {@code fail} rule before anything is written.
         *
         * @return the batch's valid rows
         */
        private long tally(Dataset<Row> evaluated) {
            List<Column> aggs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            aggs.add(count(lit(1)));
            names.add("rows_in");
            aggs.add(sum(when(expr("size(quarantine_reasons) > 0"), 1).otherwise(0)));
            names.add("quarantine_rows");
            aggs.add(sum(when(expr("size(fail_reasons) > 0"), 1).otherwise(0)));
            names.add("_failed");
            List<String> quarantineRules = new ArrayList<>(List.of(SilverRules.MALFORMED));
            rules.rules().stream().filter(r -> r.action() == RuleAction.QUARANTINE).forEach(r ->
                    quarantineRules.add(r.name()));
            for (String rule : quarantineRules) {
                aggs.add(sum(when(array_contains(col("quarantine_reasons"), rule), 1).otherwise(0)));
                names.add("quarantined." + rule);
            }
            for (Rule rule : rules.rules()) {
                if (rule.action() == RuleAction.WARN) {
                    aggs.add(sum(when(array_contains(col("warnings"), rule.name()), 1).otherwise(0)));
                    names.add("warned." + rule.name());
                }
            }
            Row totals = evaluated.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
            if (!totals.isNullAt(2) && totals.getLong(2) > 0) {
                Row f = evaluated.where("size(fail_reasons) > 0")
                        .selectExpr("fail_reasons[0]", "topic", "`partition`", "`offset`").first();
                throw JobErrors.ruleFailed(NAME, f.getString(0),
                        f.getString(1) + "-" + f.getInt(2) + "@" + f.getLong(3));
            }
            for (int i = 0; i < names.size(); i++) {
                long n = totals.isNullAt(i) ? 0 : totals.getLong(i);
                if (!names.get(i).startsWith("_") && (n > 0 || i < 2)) {
                    add(names.get(i), n);
                }
            }
            return totals.getLong(0) - (totals.isNullAt(1) ? 0 : totals.getLong(1));
        }

        private void add(String counter, long n) {
            counters.merge(counter, n, Long::sum);
        }

        private void append(Dataset<Row> rows, LakeTable table, long batchId) {
            rows.write().format("delta").mode("append")
                    .option("txnAppId", txnAppId)
                    .option("txnVersion", batchId)
                    .save(paths.uri(table));
        }
    }
}
