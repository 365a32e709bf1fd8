package org.lakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.lakehouse.jobs.core.CheckpointGuard;
import org.lakehouse.jobs.core.DeltaStatePrefetch;
import org.lakehouse.jobs.core.DeltaStreams;
import org.lakehouse.jobs.core.DeltaTables;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobContext;
import org.lakehouse.jobs.core.JobErrors;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ParallelSteps;
import org.lakehouse.jobs.core.ParamSpec;
import org.lakehouse.jobs.core.ScalaSeqs;
import org.lakehouse.jobs.core.StepTimer;
import org.lakehouse.jobs.core.StreamRun;
import org.lakehouse.jobs.core.UtcTime;
import org.lakehouse.jobs.silver.SilverJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver's three tables → the Gold tables, incrementally. Each micro-batch (new rows of silver.orders,
 * orders_quarantine and orders_duplicates, read as one stream) names the windows it touches: (city, hour) and
 * (product, day) of event time for new orders, the Kafka-timestamp hour for every row. Only those windows are
 * recomputed from the full tables and MERGEd. Recomputing from the source is the replay guard: a batch applied twice
 * writes the same values, and a late order updates its old window.
 */
public final class GoldJob implements Job {
    public static final String NAME = "gold";
    private static final Logger LOG = LoggerFactory.getLogger(GoldJob.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "silver → gold.revenue_by_city_hour, revenue_by_product_day, quality_by_hour (touched windows only)";
    }

    @Override
    public List<ParamSpec<?>> params() {
        return List.of();
    }

    @Override
    public List<LakeTable> outputs() {
        return GOLD_TABLES;
    }

    /** The Gold tables and their columns, in the order {@link #outputs()} names them. */
    private static final Map<LakeTable, String> TABLES = tables();
    private static final List<LakeTable> GOLD_TABLES = List.copyOf(TABLES.keySet());

    private static final List<LakeTable> SOURCES = List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE,
            LakeTable.SILVER_DUPLICATES);

    /**
     * The tables whose Delta state a batch needs, loaded from the start of a run ({@link DeltaStatePrefetch}): the
     * Gold tables (their idempotent-write checks and MERGEs) and the four tables the windows are recomputed from.
     * *Why:* each run meets versions of them not seen before, whose state Delta builds (two small Spark jobs) when
     * a write or scan first asks. Built inside the batch, in a profile of warm 1 000-row runs, the sources' states
     * took 0.6 s of the quality step's 3.1 s, and the Gold tables' 0.6 s of each revenue step's 1.35 s.
     */
    private static final List<LakeTable> PREFETCHED = Stream.of(List.of(LakeTable.BRONZE_ORDERS_RAW), SOURCES,
            GOLD_TABLES).flatMap(List::stream).toList();

    private static Map<LakeTable, String> tables() {
        Map<LakeTable, String> tables = new LinkedHashMap<>();
        tables.put(LakeTable.GOLD_REVENUE_BY_CITY_HOUR, GoldTables.CITY_HOUR);
        tables.put(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY, GoldTables.PRODUCT_DAY);
        tables.put(LakeTable.GOLD_QUALITY_BY_HOUR, GoldTables.QUALITY_HOUR);
        return Collections.unmodifiableMap(tables);
    }

    @Override
    public JobMetrics run(JobContext ctx) {
        LakePaths paths = ctx.paths();
        SparkSession spark = ctx.spark();
        for (LakeTable source : SOURCES) {
            if (!paths.exists(source)) {
                throw JobErrors.upstreamMissing(NAME, source.qualifiedName(), SilverJob.NAME);
            }
        }
        String definition = "sources=" + SOURCES.stream().map(LakeTable::folder).collect(Collectors.joining(","))
                + " tables=" + outputs().stream().map(LakeTable::folder).collect(Collectors.joining(","));
        StreamRun.Outcome outcome;
        Batches batches;
        // the existing tables' states load while the run checks its checkpoint, creates missing tables and starts
        // its query; the tables it creates, once they exist
        try (DeltaStatePrefetch existing = DeltaStatePrefetch.start(spark, paths, PREFETCHED)) {
            String txnAppId = CheckpointGuard.check(spark, NAME, paths.checkpoint(NAME), definition, paths,
                    outputs());
            Ensured tables = ensureTables(spark, paths);
            Dataset<Row> changes = changes(spark, paths, LakeTable.SILVER_ORDERS, "silver")
                    .unionByName(changes(spark, paths, LakeTable.SILVER_QUARANTINE, "quarantine"))
                    .unionByName(changes(spark, paths, LakeTable.SILVER_DUPLICATES, "duplicate"));
            batches = new Batches(paths, txnAppId, tables.withRows());
            try (DeltaStatePrefetch fresh = DeltaStatePrefetch.start(spark, paths, tables.created())) {
                outcome = StreamRun.run(NAME, spark, changes.writeStream().foreachBatch((batch, id) -> {
                    existing.awaitLoaded();
                    fresh.awaitLoaded();
                    batches.write(batch, id);
                }), paths.checkpoint(NAME).toString(), ctx.clock());
                if (tables.earlierQuality()) {
                    existing.awaitLoaded();
                    batches.recomputeEarlierQualityHours(spark);
                }
            }
        }
        Map<String, Long> counters = new TreeMap<>(batches.counters);
        if (batches.newestEventMs != null) {
            counters.put(JobMetrics.NEWEST_EVENT_MS, batches.newestEventMs);
        }
        return outcome.metrics(NAME, batches.counters.values().stream().mapToLong(Long::longValue).sum(), counters);
    }

    /**
     * The Gold tables a run created (empty), the existing ones that hold rows, and whether the quality table may
     * hold hours an earlier version wrote (it lacks {@link GoldTables#QUALITY_DEFINITION}).
     */
    record Ensured(List<LakeTable> created, Set<LakeTable> withRows, boolean earlierQuality) {
    }

    /**
     * Creates the Gold tables that are missing and adds the columns an existing one lacks
     * ({@link DeltaTables#ensure}). A table created just now is empty; only an existing one needs a look at its log
     * (its state, which the prefetch is loading: the look waits for that load rather than building the state again).
     */
    private static Ensured ensureTables(SparkSession spark, LakePaths paths) {
        List<LakeTable> created = new ArrayList<>();
        Set<LakeTable> withRows = new HashSet<>();
        boolean earlierQuality = false;
        for (Map.Entry<LakeTable, String> t : TABLES.entrySet()) {
            boolean quality = t.getKey() == LakeTable.GOLD_QUALITY_BY_HOUR;
            Map<String, String> properties = quality
                    ? Map.of(GoldTables.QUALITY_DEFINITION_PROPERTY, GoldTables.QUALITY_DEFINITION) : Map.of();
            if (DeltaTables.ensure(spark, paths, t.getKey(), t.getValue(), properties)) {
                created.add(t.getKey());
                continue;
            }
            DeltaTables.Detail detail = DeltaTables.detail(spark, paths, t.getKey());
            if (detail.files() > 0) {
                withRows.add(t.getKey());
            }
            earlierQuality |= quality && !GoldTables.QUALITY_DEFINITION.equals(
                    detail.properties().get(GoldTables.QUALITY_DEFINITION_PROPERTY));
        }
        return new Ensured(created, withRows, earlierQuality);
    }

    private static Dataset<Row> changes(SparkSession spark, LakePaths paths, LakeTable table, String source) {
        Dataset<Row> rows = DeltaStreams.read(spark, paths, table, Map.of());
        boolean orders = table == LakeTable.SILVER_ORDERS;
        return rows.select(lit(source).as("source"), col("kafka_timestamp"),
                orders ? col("city") : lit(null).cast("string").as("city"),
                orders ? col("product_code") : lit(null).cast("string").as("product_code"),
                orders ? col("event_ts") : lit(null).cast("timestamp").as("event_ts"),
                orders ? col("event_date") : lit(null).cast("date").as("event_date"));
    }

    /**
     * The per-batch work, on the driver. The windows a batch touches are few (hours and days, not rows), so each
     * step's result is collected: one aggregation over the batch names the touched windows, each Gold table's
     * recomputed rows are computed once and handed to Delta as a local table. *Why:* a MERGE evaluates its source
     * more than once (to find the files it touches, then to write), and a run of three MERGEs over sources that
     * re-read Silver cost seconds of fixed work per batch; a local source costs nothing to re-read. An empty target
     * (the first batch into a new table) is appended to instead: nothing can match, and an append is one commit.
     * The three tables are written side by side ({@link ParallelSteps}): each is a transaction of its own, and one
     * table's planning and Delta log work run while another's short Spark jobs do.
     */
    static final class Batches {
        private final LakePaths paths;
        private final String txnAppId;
        /**
         * Gold tables known to hold rows: a table never loses them once it has some (Gold only adds windows). A
         * concurrent set: the parallel upserts add to it.
         */
        private final Set<LakeTable> withRows;
        final Map<String, Long> counters = new TreeMap<>();
        /** The newest {@code kafka_timestamp} of the rows read so far, epoch millis; null before any. */
        Long newestEventMs;

        Batches(LakePaths paths, String txnAppId, Set<LakeTable> withRows) {
            this.paths = paths;
            this.txnAppId = txnAppId;
            this.withRows = ConcurrentHashMap.newKeySet();
            this.withRows.addAll(withRows);
        }

        void write(Dataset<Row> batch, Long batchId) {
            SparkSession spark = batch.sparkSession();
            StepTimer steps = new StepTimer();
            Touched touched = Touched.of(batch);
            steps.done("touched windows");
            List<ParallelSteps.Step> upserts = new ArrayList<>();
            // both revenue tables roll up from one scan of Silver in the touched dates: the (city, product, hour)
            // grain, small, cached for the two
            Dataset<Row> grain = touched.cityHours().isEmpty() ? null
                    : GoldAggregations.revenueByCityProductHour(table(spark, LakeTable.SILVER_ORDERS)
                            .where(col("event_date").isin(touched.days().toArray())))
                            .persist(StorageLevel.MEMORY_AND_DISK());
            if (grain != null) {
                upserts.add(new ParallelSteps.Step("revenue by city and hour", () -> upsert(spark,
                        LakeTable.GOLD_REVENUE_BY_CITY_HOUR, GoldAggregations.cityHourFrom(grain)
                                .join(local(spark, touched.cityHours(), "city STRING, hour_start TIMESTAMP"),
                                        ScalaSeqs.of("city", "hour_start"), "left_semi")
                                .select("city", "hour_start", "revenue", "units", "orders"),
                        "t.city = s.city AND t.hour_start = s.hour_start", batchId)));
                upserts.add(new ParallelSteps.Step("revenue by product and day", () -> upsert(spark,
                        LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY, GoldAggregations.productDayFrom(grain)
                                .join(local(spark, touched.productDays(), "product STRING, day DATE"),
                                        ScalaSeqs.of("product", "day"), "left_semi"),
                        "t.product = s.product AND t.day = s.day", batchId)));
            }
            if (!touched.hours().isEmpty()) {
                Column inHours = inHours(touched.hours());
                upserts.add(new ParallelSteps.Step("quality by hour", () -> upsert(spark,
                        LakeTable.GOLD_QUALITY_BY_HOUR, quality(spark, inHours), "t.hour_start = s.hour_start",
                        batchId)));
            }
            try {
                ParallelSteps.run(NAME, upserts);
            } finally {
                if (grain != null) {
                    grain.unpersist();
                }
            }
            steps.done("upserts");
            LOG.debug("Gold batch {}: {}", batchId, steps);
            counters.merge("windows.revenue_by_city_hour", (long) touched.cityHours().size(), Long::sum);
            counters.merge("windows.revenue_by_product_day", (long) touched.productDays().size(), Long::sum);
            counters.merge("windows.quality_by_hour", (long) touched.hours().size(), Long::sum);
            if (touched.newestEvent() != null) {
                long ms = touched.newestEvent().getTime();
                newestEventMs = newestEventMs == null ? ms : Math.max(newestEventMs, ms);
            }
        }

        /**
         * Recomputes the quality hours an earlier version of this job wrote, then marks the table with
         * {@link GoldTables#QUALITY_DEFINITION}. Those hours are the ones whose {@code conflicting_duplicates} is
         * NULL: that version had no such column (its rows read NULL once {@link DeltaTables#ensure} added it) and
         * counted {@code quarantined_by_rule} under the primary rule only. Hours recomputed here are counted in
         * {@code windows.quality_by_hour}.
         *
         * <p>*Why recompute rather than leave them:* the old hours would keep the old per-rule figures until new
         * rows touched them, and reconcile would rightly report them. *Why a table property:* it is read with the
         * look at the table's log every run makes anyway, so a table already marked costs nothing more; and it is
         * set only after the MERGE, so a run that stops in between leaves the table unmarked and the next run
         * finishes the work.
         */
        void recomputeEarlierQualityHours(SparkSession spark) {
            List<Object> hours = table(spark, LakeTable.GOLD_QUALITY_BY_HOUR)
                    .where(col("conflicting_duplicates").isNull()).select("hour_start").collectAsList().stream()
                    .map(r -> r.get(0)).collect(Collectors.toList());
            if (!hours.isEmpty()) {
                LOG.info("Gold: recomputing {} quality hour(s) an earlier version wrote (no conflicting_duplicates)",
                        hours.size());
                merge(spark, LakeTable.GOLD_QUALITY_BY_HOUR, quality(spark, inHours(hours)),
                        "t.hour_start = s.hour_start");
                counters.merge("windows.quality_by_hour", (long) hours.size(), Long::sum);
            }
            DeltaTables.setProperty(spark, paths, LakeTable.GOLD_QUALITY_BY_HOUR,
                    GoldTables.QUALITY_DEFINITION_PROPERTY, GoldTables.QUALITY_DEFINITION);
        }

        /**
         * {@link GoldAggregations#qualityByHour} of the hours {@code inHours} selects: each table's counts computed
         * and collected side by side, then combined ({@link GoldAggregations#qualityFrom}).
         * *Why side by side:* planning a scan of a Delta table lists its files with their statistics, a Spark job or
         * two on the driver's schedule; in one query over four tables the four listings ran one after another
         * and made this the batch's longest step.
         */
        private Dataset<Row> quality(SparkSession spark, Column inHours) {
            List<Dataset<Row>> counts = List.of(
                    GoldAggregations.rowsPerHour(table(spark, LakeTable.BRONZE_ORDERS_RAW).where(inHours)),
                    GoldAggregations.rowsPerHour(table(spark, LakeTable.SILVER_ORDERS).where(inHours)),
                    GoldAggregations.quarantinedPerHourAndReasons(
                            table(spark, LakeTable.SILVER_QUARANTINE).where(inHours)),
                    GoldAggregations.duplicatesPerHour(table(spark, LakeTable.SILVER_DUPLICATES).where(inHours)));
            AtomicReferenceArray<Dataset<Row>> collected = new AtomicReferenceArray<>(counts.size());
            List<ParallelSteps.Step> steps = new ArrayList<>();
            for (int i = 0; i < counts.size(); i++) {
                int at = i;
                steps.add(new ParallelSteps.Step("quality counts " + (i + 1), () -> collected.set(at,
                        spark.createDataFrame(counts.get(at).collectAsList(), counts.get(at).schema()))));
            }
            ParallelSteps.run(NAME, steps);
            return GoldAggregations.qualityFrom(collected.get(0), collected.get(1), collected.get(2),
                    collected.get(3));
        }

        private Dataset<Row> table(SparkSession spark, LakeTable table) {
            return spark.read().format("delta").load(paths.uri(table));
        }

        /** Rows whose Kafka-timestamp hour is one of {@code hours}, with a range Delta can skip files by. */
        private static Column inHours(List<Object> hours) {
            Timestamp first = hours.stream().map(Timestamp.class::cast).min(Timestamp::compareTo).orElseThrow();
            Timestamp last = hours.stream().map(Timestamp.class::cast).max(Timestamp::compareTo).orElseThrow();
            return col("kafka_timestamp").geq(lit(first))
                    .and(col("kafka_timestamp").lt(lit(new Timestamp(last.getTime() + 3_600_000L))))
                    .and(UtcTime.hour("kafka_timestamp").isin(hours.toArray()));
        }

        private static Dataset<Row> local(SparkSession spark, List<Row> rows, String ddl) {
            return spark.createDataFrame(rows, StructType.fromDDL(ddl));
        }

        /**
         * Writes the recomputed rows of {@code table}: computed once and collected (they are windows), then MERGEd,
         * or appended when the table is still empty. Nothing recomputed, nothing written.
         */
        private void upsert(SparkSession spark, LakeTable table, Dataset<Row> recomputed, String on, long batchId) {
            List<Row> rows = recomputed.collectAsList();
            if (rows.isEmpty()) {
                return;
            }
            Dataset<Row> updates = spark.createDataFrame(rows, recomputed.schema());
            if (!withRows.contains(table)) {
                // a replay finds the table no longer empty and MERGEs; the transaction ids guard a replay that
                // raced this very append
                updates.write().format("delta").mode("append")
                        .option("txnAppId", txnAppId)
                        .option("txnVersion", batchId)
                        .save(paths.uri(table));
                withRows.add(table);
                return;
            }
            mergeRows(spark, table, updates, on);
        }

        /** MERGEs the recomputed rows of {@code table}, computed once and collected; nothing recomputed, nothing. */
        private void merge(SparkSession spark, LakeTable table, Dataset<Row> recomputed, String on) {
            List<Row> rows = recomputed.collectAsList();
            if (!rows.isEmpty()) {
                mergeRows(spark, table, spark.createDataFrame(rows, recomputed.schema()), on);
            }
        }

        private void mergeRows(SparkSession spark, LakeTable table, Dataset<Row> updates, String on) {
            DeltaTable.forPath(spark, paths.uri(table)).as("t")
                    .merge(updates.as("s"), on)
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
        }
    }

    /**
     * The windows one batch touches, found in one aggregation over the batch (sets of windows, never rows):
     * (city, hour) and (product, day) of event time for new orders, and the Kafka-timestamp hour of every new row.
     * The day is Silver's own {@code event_date} column, the partition the revenue recompute reads, not derived again.
     */
    record Touched(List<Row> cityHours, List<Row> productDays, List<Object> hours, Timestamp newestEvent) {
        /**
         * {@code collect_set} skips the NULLs the CASEs give for rows that are not new orders. The batch's newest
         * Kafka timestamp (null when it is empty) comes from the same pass.
         */
        static Touched of(Dataset<Row> batch) {
            Row r = batch.agg(
                    expr("collect_set(CASE WHEN source = 'silver' THEN struct(city, " + UtcTime.hourSql("event_ts")
                            + ") END)"),
                    expr("collect_set(CASE WHEN source = 'silver' THEN struct(product_code, event_date) END)"),
                    expr("collect_set(" + UtcTime.hourSql("kafka_timestamp") + ")"),
                    expr("max(kafka_timestamp)")).first();
            return new Touched(r.getList(0), r.getList(1), r.getList(2), r.isNullAt(3) ? null : r.getTimestamp(3));
        }

        /** The event dates of the new orders: the Silver partitions the revenue windows are recomputed from. */
        List<Object> days() {
            return productDays.stream().map(d -> d.get(1)).distinct().toList();
        }
    }
}
