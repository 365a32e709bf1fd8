package org.lakehouse.jobs.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.lakehouse.jobs.bronze.KafkaOffsets;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.gold.GoldTables;
import org.lakehouse.producer.manifest.Manifest;

/**
 * Checks the lake end to end: Kafka against Bronze, Bronze against Silver + quarantine + duplicates (record by
 * record, by Kafka provenance), Gold against Gold recomputed from Silver in one batch query, and, given a producer
 * manifest, Silver and Gold against it exactly.
 */
public final class Reconciler {
    private final SparkSession spark;
    private final LakePaths paths;

    public Reconciler(SparkSession spark, LakePaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    /**
     * @param bootstrap Kafka to compare Bronze with; empty skips that check
     * @param manifest the producer's ground truth; empty skips that check
     */
    public ReconcileReport run(Optional<String> bootstrap, Optional<Manifest> manifest) {
        List<String> checks = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        for (LakeTable t : LakeTable.values()) {
            if (!paths.exists(t)) {
                diffs.add(t.qualifiedName() + " does not exist: run the pipeline (bronze, silver, gold) first");
            }
        }
        if (!diffs.isEmpty()) {
            return new ReconcileReport(checks, diffs);
        }
        bootstrap.ifPresent(b -> {
            checks.add("Kafka offsets = Bronze rows per partition (" + b + ")");
            kafkaVsBronze(b, diffs);
        });
        checks.add("Bronze = Silver + quarantine + duplicates, record by record");
        bronzeVsSilver(diffs);
        checks.add("Gold = Gold recomputed from Silver");
        goldVsRecomputed(diffs);
        manifest.ifPresent(m -> {
            checks.add("Silver and Gold = manifest (" + m.recordsSent() + " records sent)");
            againstManifest(m, diffs);
        });
        return new ReconcileReport(checks, diffs);
    }

    /**
     * Gold against Gold recomputed from Silver (and Bronze, for the quality table) only. *Why apart:* on a large
     * lake the record-by-record checks cost minutes, and a benchmark that checks Gold after every round needs only
     * this one.
     */
    public ReconcileReport gold() {
        List<String> checks = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        for (LakeTable t : LakeTable.values()) {
            if (!paths.exists(t)) {
                diffs.add(t.qualifiedName() + " does not exist: run the pipeline (bronze, silver, gold) first");
            }
        }
        if (diffs.isEmpty()) {
            checks.add("Gold = Gold recomputed from Silver");
            goldVsRecomputed(diffs);
        }
        return new ReconcileReport(checks, diffs);
    }

    private Dataset<Row> table(LakeTable t) {
        return spark.read().format("delta").load(paths.uri(t));
    }

    private void kafkaVsBronze(String bootstrap, List<String> diffs) {
        Map<TopicPartition, Row> bronze = new HashMap<>();
        List<String> topics = new ArrayList<>();
        for (Row r : table(LakeTable.BRONZE_ORDERS_RAW).groupBy("topic", "partition")
                .agg(count(lit(1)), countDistinct(col("offset")), min("offset"), max("offset")).collectAsList()) {
            bronze.put(new TopicPartition(r.getString(0), r.getInt(1)), r);
            if (!topics.contains(r.getString(0))) {
                topics.add(r.getString(0));
            }
        }
        Map<TopicPartition, KafkaOffsets.Range> kafka = KafkaOffsets.of(bootstrap, topics);
        for (Map.Entry<TopicPartition, KafkaOffsets.Range> e : kafka.entrySet()) {
            KafkaOffsets.Range range = e.getValue();
            Row b = bronze.get(e.getKey());
            if (b == null) {
                if (range.end() > range.beginning()) {
                    diffs.add("Kafka " + e.getKey() + " holds offsets " + range.beginning() + ".." + (range.end() - 1)
                            + " but Bronze has none of them");
                }
                continue;
            }
            long rows = b.getLong(2);
            long distinct = b.getLong(3);
            long first = b.getLong(4);
            long last = b.getLong(5);
            if (distinct != rows) {
                diffs.add("Bronze " + e.getKey() + " holds " + (rows - distinct) + " offset(s) more than once");
            }
            if (last + 1 != range.end()) {
                diffs.add("Kafka " + e.getKey() + " ends at offset " + (range.end() - 1) + ", Bronze at " + last
                        + " (run bronze to catch up)");
            }
            if (last - first + 1 != distinct) {
                diffs.add("Bronze " + e.getKey() + " misses " + (last - first + 1 - distinct) + " offset(s) between "
                        + first + " and " + last);
            }
            if (first > range.beginning()) {
                diffs.add("Bronze " + e.getKey() + " starts at offset " + first + " but Kafka still holds "
                        + range.beginning() + ".." + (first - 1));
            }
        }
    }

    private void bronzeVsSilver(List<String> diffs) {
        Dataset<Row> bronze = table(LakeTable.BRONZE_ORDERS_RAW).select("topic", "partition", "offset");
        Dataset<Row> landed = table(LakeTable.SILVER_ORDERS).select("topic", "partition", "offset")
                .unionByName(table(LakeTable.SILVER_QUARANTINE).select("topic", "partition", "offset"))
                .unionByName(table(LakeTable.SILVER_DUPLICATES).select("topic", "partition", "offset"));
        TableDiff.compare("Bronze vs Silver + quarantine + duplicates (topic, partition, offset)",
                "Bronze", bronze, "Silver + quarantine + duplicates", landed, diffs);
    }

    /** Gold against reconcile's own plain SQL over Silver ({@link GoldRecomputed}), never the Gold job's code. */
    private void goldVsRecomputed(List<String> diffs) {
        Dataset<Row> silver = table(LakeTable.SILVER_ORDERS);
        GoldRecomputed recomputed = new GoldRecomputed(spark);
        TableDiff.compare(LakeTable.GOLD_REVENUE_BY_CITY_HOUR.qualifiedName(), "Gold",
                table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR), "Gold recomputed from Silver",
                recomputed.revenueByCityHour(silver), diffs);
        TableDiff.compare(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY.qualifiedName(), "Gold",
                table(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY), "Gold recomputed from Silver",
                recomputed.revenueByProductDay(silver), diffs);
        TableDiff.compare(LakeTable.GOLD_QUALITY_BY_HOUR.qualifiedName(), "Gold",
                comparable(table(LakeTable.GOLD_QUALITY_BY_HOUR)), "Gold recomputed from Bronze and Silver",
                comparable(recomputed.qualityByHour(table(LakeTable.BRONZE_ORDERS_RAW), silver,
                        table(LakeTable.SILVER_QUARANTINE), withConflicting(table(LakeTable.SILVER_DUPLICATES)))),
                diffs);
    }

    /**
     * The duplicates with a {@code conflicting} column: a table an earlier version created has none until Silver
     * next runs, and its rows are not conflicting, as the rows it held before the column existed (NULL).
     */
    static Dataset<Row> withConflicting(Dataset<Row> duplicates) {
        return Arrays.stream(duplicates.columns()).anyMatch("conflicting"::equalsIgnoreCase) ? duplicates
                : duplicates.withColumn("conflicting", lit(null).cast("boolean"));
    }

    /**
     * The quality rows in a form set operations take: maps cannot take part in them, so their sorted entries
     * instead. {@code conflicting_duplicates} is NULL in an hour Gold last wrote before the column existed (Gold
     * recomputes those hours at the end of its next run); it is compared as 0, what the hour's duplicates, all
     * written before the column, count as.
     */
    static Dataset<Row> comparable(Dataset<Row> quality) {
        boolean known = Arrays.stream(quality.columns()).anyMatch("conflicting_duplicates"::equalsIgnoreCase);
        return quality.selectExpr("hour_start", "bronze_rows", "silver_rows", "quarantined_rows",
                "array_sort(map_entries(quarantined_by_rule)) AS quarantined_by_rule", "duplicates",
                known ? "coalesce(conflicting_duplicates, 0) AS conflicting_duplicates"
                        : "CAST(0 AS BIGINT) AS conflicting_duplicates");
    }

    private void againstManifest(Manifest m, List<String> diffs) {
        if (!m.complete()) {
            diffs.add("the manifest is marked incomplete: some records were not acknowledged by Kafka, so its "
                    + "figures overstate what Kafka holds");
        }
        compareCount("silver.orders rows", table(LakeTable.SILVER_ORDERS).count(), m.expected().silverRows(), diffs);
        compareCount("silver.orders_quarantine rows", table(LakeTable.SILVER_QUARANTINE).count(),
                m.expected().quarantineRows(), diffs);
        compareCount("silver.orders_duplicates rows", table(LakeTable.SILVER_DUPLICATES).count(),
                m.expected().duplicates(), diffs);
        List<Row> cityHours = m.gold().revenueByCityHour().stream().map(c -> RowFactory.create(c.city(),
                Timestamp.from(c.hourStart()), money(c.revenue()), c.units(), c.orders())).toList();
        TableDiff.compare(LakeTable.GOLD_REVENUE_BY_CITY_HOUR.qualifiedName(), "Gold",
                table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR), "the manifest",
                spark.createDataFrame(cityHours, StructType.fromDDL(GoldTables.CITY_HOUR)), diffs);
        List<Row> productDays = m.gold().revenueByProductDay().stream().map(p -> RowFactory.create(p.productCode(),
                p.productName(), Date.valueOf(p.day()), money(p.revenue()), p.units(), p.orders())).toList();
        TableDiff.compare(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY.qualifiedName(), "Gold",
                table(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY), "the manifest",
                spark.createDataFrame(productDays, StructType.fromDDL(GoldTables.PRODUCT_DAY)), diffs);
        // the manifest knows each hour's rows, and each quarantined record's fault (the rule it must trip first);
        // Gold's per-rule counts also count the further rules a record trips, so the faults are checked against
        // the quarantine's primary_reason, and the per-rule counts by the recomputation above
        List<Row> hours = m.gold().qualityByHour().stream().map(q -> RowFactory.create(
                Timestamp.from(q.hourStart()), q.bronzeRows(), q.silverRows(), q.quarantinedRows(), q.duplicates()))
                .toList();
        String rows = "hour_start TIMESTAMP, bronze_rows BIGINT, silver_rows BIGINT, quarantined_rows BIGINT, "
                + "duplicates BIGINT";
        TableDiff.compare(LakeTable.GOLD_QUALITY_BY_HOUR.qualifiedName() + " (rows per hour)", "Gold",
                table(LakeTable.GOLD_QUALITY_BY_HOUR).select("hour_start", "bronze_rows", "silver_rows",
                        "quarantined_rows", "duplicates"), "the manifest",
                spark.createDataFrame(hours, StructType.fromDDL(rows)), diffs);
        List<Row> faults = m.gold().qualityByHour().stream().flatMap(q -> q.quarantinedByRule().entrySet().stream()
                .map(e -> RowFactory.create(Timestamp.from(q.hourStart()), e.getKey(), e.getValue()))).toList();
        TableDiff.compare(LakeTable.SILVER_QUARANTINE.qualifiedName() + " (rows per hour of Kafka timestamp and "
                        + "primary_reason)", "Silver",
                table(LakeTable.SILVER_QUARANTINE).groupBy(expr("date_trunc('HOUR', kafka_timestamp)")
                        .as("hour_start"), col("primary_reason")).agg(count(lit(1)).as("n")), "the manifest",
                spark.createDataFrame(faults, StructType.fromDDL(
                        "hour_start TIMESTAMP, primary_reason STRING, n BIGINT")), diffs);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static void compareCount(String what, long actual, long expected, List<String> diffs) {
        if (actual != expected) {
            diffs.add(what + ": " + actual + ", the manifest expects " + expected);
        }
    }
}
