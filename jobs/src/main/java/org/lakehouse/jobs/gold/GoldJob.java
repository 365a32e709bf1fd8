package org.lakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.lakehouse.jobs.core.CheckpointGuard;
import org.lakehouse.jobs.core.DeltaTables;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobContext;
import org.lakehouse.jobs.core.JobErrors;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ParamSpec;
import org.lakehouse.jobs.core.StreamRun;
import org.lakehouse.jobs.silver.SilverJob;

/**
 * Silver's three tables → the Gold tables, incrementally. Each micro-batch (new rows of silver.orders,
 * orders_quarantine and orders_duplicates, read as one stream) names the windows it touches: (city, hour) and
 * (product, day) of event time for new orders, the Kafka-timestamp hour for every row. Only those windows are
 * recomputed from the full tables and MERGEd. Recomputing from the source is the replay guard: a batch applied twice
 * writes the same values, and a late order updates its old window.
 */
public final class GoldJob implements Job {
    public static final String NAME = "gold";

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
        return List.of(LakeTable.GOLD_REVENUE_BY_CITY_HOUR, LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY,
                LakeTable.GOLD_QUALITY_BY_HOUR);
    }

    private static final List<LakeTable> SOURCES = List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE,
            LakeTable.SILVER_DUPLICATES);

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
        CheckpointGuard.check(spark, NAME, paths.checkpoint(NAME), definition, paths, outputs());
        DeltaTables.ensure(spark, paths, LakeTable.GOLD_REVENUE_BY_CITY_HOUR, GoldTables.CITY_HOUR);
        DeltaTables.ensure(spark, paths, LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY, GoldTables.PRODUCT_DAY);
        DeltaTables.ensure(spark, paths, LakeTable.GOLD_QUALITY_BY_HOUR, GoldTables.QUALITY_HOUR);

        Dataset<Row> changes = changes(spark, paths, LakeTable.SILVER_ORDERS, "silver")
                .unionByName(changes(spark, paths, LakeTable.SILVER_QUARANTINE, "quarantine"))
                .unionByName(changes(spark, paths, LakeTable.SILVER_DUPLICATES, "duplicate"));
        Batches batches = new Batches(paths);
        StreamRun.Outcome outcome = StreamRun.run(NAME, spark, changes.writeStream().foreachBatch(batches::write),
                paths.checkpoint(NAME).toString(), ctx.clock());
        return outcome.metrics(NAME, batches.counters.values().stream().mapToLong(Long::longValue).sum(),
                batches.counters);
    }

    private static Dataset<Row> changes(SparkSession spark, LakePaths paths, LakeTable table, String source) {
        Dataset<Row> rows = spark.readStream().format("delta").load(paths.uri(table));
        boolean orders = table == LakeTable.SILVER_ORDERS;
        return rows.select(lit(source).as("source"), col("kafka_timestamp"),
                orders ? col("city") : lit(null).cast("string").as("city"),
                orders ? col("product_code") : lit(null).cast("string").as("product_code"),
                orders ? col("event_ts") : lit(null).cast("timestamp").as("event_ts"));
    }

    /** The per-batch work, on the driver. */
    static final class Batches {
        private final LakePaths paths;
        final Map<String, Long> counters = new TreeMap<>();

        Batches(LakePaths paths) {
            this.paths = paths;
        }

        void write(Dataset<Row> batch, Long batchId) {
            SparkSession spark = batch.sparkSession();
            Dataset<Row> touched = batch.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> orders = touched.where(col("source").equalTo("silver"));
                Dataset<Row> cityHours = orders.select(col("city"),
                        date_trunc("hour", col("event_ts")).as("hour_start")).distinct();
                Dataset<Row> productDays = orders.select(col("product_code").as("product"),
                        to_date(col("event_ts")).as("day")).distinct();
                List<Object> days = dates(orders.select(to_date(col("event_ts"))).distinct());
                List<Object> hours = touched.select(date_trunc("hour", col("kafka_timestamp"))).distinct()
                        .collectAsList().stream().map(r -> r.get(0)).toList();

                Dataset<Row> silver = table(spark, LakeTable.SILVER_ORDERS)
                        .where(days.isEmpty() ? lit(false) : col("event_date").isin(days.toArray()));
                merge(spark, LakeTable.GOLD_REVENUE_BY_CITY_HOUR,
                        GoldAggregations.revenueByCityHour(silver)
                                .join(cityHours, seq("city", "hour_start"), "left_semi")
                                .select("city", "hour_start", "revenue", "units", "orders"),
                        "t.city = s.city AND t.hour_start = s.hour_start");
                merge(spark, LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY,
                        GoldAggregations.revenueByProductDay(silver)
                                .join(productDays, seq("product", "day"), "left_semi"),
                        "t.product = s.product AND t.day = s.day");
                if (!hours.isEmpty()) {
                    Column inHours = inHours(hours);
                    merge(spark, LakeTable.GOLD_QUALITY_BY_HOUR, GoldAggregations.qualityByHour(
                            table(spark, LakeTable.BRONZE_ORDERS_RAW).where(inHours),
                            table(spark, LakeTable.SILVER_ORDERS).where(inHours),
                            table(spark, LakeTable.SILVER_QUARANTINE).where(inHours),
                            table(spark, LakeTable.SILVER_DUPLICATES).where(inHours)),
                            "t.hour_start = s.hour_start");
                }
                counters.merge("windows.revenue_by_city_hour", cityHours.count(), Long::sum);
                counters.merge("windows.revenue_by_product_day", productDays.count(), Long::sum);
                counters.merge("windows.quality_by_hour", (long) hours.size(), Long::sum);
            } finally {
                touched.unpersist();
            }
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
                    .and(date_trunc("hour", col("kafka_timestamp")).isin(hours.toArray()));
        }

        private static List<Object> dates(Dataset<Row> dates) {
            return dates.collectAsList().stream().map(r -> r.get(0)).filter(java.util.Objects::nonNull).toList();
        }

        private void merge(SparkSession spark, LakeTable table, Dataset<Row> updates, String on) {
            DeltaTable.forPath(spark, paths.uri(table)).as("t")
                    .merge(updates.as("s"), on)
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
        }

        private static scala.collection.immutable.Seq<String> seq(String... names) {
            return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
        }
    }
}
