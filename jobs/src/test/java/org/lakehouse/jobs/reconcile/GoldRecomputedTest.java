package org.lakehouse.jobs.reconcile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldAggregations;

/**
 * Reconcile's own Gold SQL and the Gold job's aggregation code are two implementations of one definition: on rows
 * at hour and day boundaries (and before 1970) they agree, revenue and quality alike (a row failing two rules counts
 * under both, a conflicting copy is counted, one written before the column is not), and a Gold that differs from
 * Silver is caught.
 */
class GoldRecomputedTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    private Dataset<Row> silver() {
        String ddl = "city STRING, product_code STRING, product_name STRING, quantity INT, unit_price DECIMAL(18,2), "
                + "total_amount DECIMAL(18,2), event_ts TIMESTAMP, kafka_timestamp TIMESTAMP";
        return spark.createDataFrame(List.of(
                row("Berlin", "P-1", 2, "9.99", "2026-12-06 23:59:59.999999"),
                row("Berlin", "P-1", 1, "0.01", "2026-12-07 00:00:00"),
                row("Paris", "P-2", 3, "100.10", "2026-12-07 00:30:00"),
                row("Paris", "P-1", 7, "1.25", "1969-12-31 23:00:01")), StructType.fromDDL(ddl));
    }

    private static Row row(String city, String product, int quantity, String price, String ts) {
        BigDecimal p = new BigDecimal(price);
        Timestamp t = Timestamp.valueOf(ts);
        return RowFactory.create(city, product, product + " name", quantity, p, p.multiply(BigDecimal.valueOf(quantity)),
                t, t);
    }

    private static long difference(Dataset<Row> a, Dataset<Row> b) {
        return a.exceptAll(b).count() + b.exceptAll(a).count();
    }

    @Test
    void agreesWithTheGoldJobsCodeAtBoundaries() {
        GoldRecomputed recomputed = new GoldRecomputed(spark);
        Dataset<Row> silver = silver();
        assertThat(difference(recomputed.revenueByCityHour(silver),
                GoldAggregations.revenueByCityHour(silver).select("city", "hour_start", "revenue", "units", "orders")))
                .as("revenue by city and hour, two implementations").isZero();
        assertThat(difference(recomputed.revenueByProductDay(silver), GoldAggregations.revenueByProductDay(silver)))
                .as("revenue by product and day, two implementations").isZero();
        assertThat(recomputed.revenueByCityHour(silver).count()).as("four hours (one before 1970)").isEqualTo(4);
    }

    /** Rows at hour boundaries and before 1970: a row failing two rules, a conflicting and an old (NULL) copy. */
    private record QualityInput(Dataset<Row> bronze, Dataset<Row> silver, Dataset<Row> quarantine,
            Dataset<Row> duplicates) {
    }

    private QualityInput qualityInput() {
        String lastOfDay = "2026-12-06 23:59:59.999999";
        String midnight = "2026-12-07 00:00:00";
        String before1970 = "1969-12-31 23:00:01";
        Dataset<Row> quarantine = spark.createDataFrame(List.of(
                RowFactory.create(Timestamp.valueOf(lastOfDay), List.of("missing_fields", "non_positive_quantity"),
                        "missing_fields"),
                RowFactory.create(Timestamp.valueOf(midnight), List.of("non_positive_quantity"),
                        "non_positive_quantity"),
                RowFactory.create(Timestamp.valueOf(before1970), List.of("unknown_city", "non_positive_price"),
                        "unknown_city")),
                StructType.fromDDL("kafka_timestamp TIMESTAMP, reasons ARRAY<STRING>, primary_reason STRING"));
        Dataset<Row> duplicates = spark.createDataFrame(List.of(
                RowFactory.create(Timestamp.valueOf(lastOfDay), true),
                RowFactory.create(Timestamp.valueOf(midnight), false),
                RowFactory.create(Timestamp.valueOf(midnight), null),
                RowFactory.create(Timestamp.valueOf(before1970), true)),
                StructType.fromDDL("kafka_timestamp TIMESTAMP, conflicting BOOLEAN"));
        Dataset<Row> silver = silver();
        Dataset<Row> bronze = silver.select("kafka_timestamp").unionByName(quarantine.select("kafka_timestamp"))
                .unionByName(duplicates.select("kafka_timestamp"));
        return new QualityInput(bronze, silver, quarantine, duplicates);
    }

    @Test
    void qualityAgreesWithTheGoldJobsCodeOnRulesAndConflictingDuplicates() {
        QualityInput in = qualityInput();
        Dataset<Row> recomputed = new GoldRecomputed(spark).qualityByHour(in.bronze(), in.silver(), in.quarantine(),
                in.duplicates());
        Dataset<Row> gold = GoldAggregations.qualityByHour(in.bronze(), in.silver(), in.quarantine(),
                in.duplicates());
        assertThat(difference(Reconciler.comparable(recomputed), Reconciler.comparable(gold)))
                .as("quality by hour, two implementations").isZero();

        Row lastHour = recomputed.where("hour_start = TIMESTAMP '2026-12-06 23:00:00'").first();
        assertThat(lastHour.getLong(lastHour.fieldIndex("quarantined_rows"))).as("rows").isEqualTo(1);
        assertThat(lastHour.<String, Long>getJavaMap(lastHour.fieldIndex("quarantined_by_rule")))
                .as("a row failing two rules counts under both")
                .containsOnly(Map.entry("missing_fields", 1L), Map.entry("non_positive_quantity", 1L));
        assertThat(lastHour.getLong(lastHour.fieldIndex("conflicting_duplicates"))).as("a conflicting copy")
                .isEqualTo(1);
        Row midnightHour = recomputed.where("hour_start = TIMESTAMP '2026-12-07 00:00:00'").first();
        assertThat(midnightHour.getLong(midnightHour.fieldIndex("duplicates"))).isEqualTo(2);
        assertThat(midnightHour.getLong(midnightHour.fieldIndex("conflicting_duplicates")))
                .as("a copy that does not conflict, and one written before the column (NULL)").isZero();
        assertThat(recomputed.count()).as("three hours (one before 1970)").isEqualTo(3);
    }

    @Test
    void aQualityTableThatCountsOnlyPrimaryRulesOrMissesAConflictingCopyIsCaught() {
        QualityInput in = qualityInput();
        Dataset<Row> recomputed = Reconciler.comparable(new GoldRecomputed(spark).qualityByHour(in.bronze(),
                in.silver(), in.quarantine(), in.duplicates()));
        Dataset<Row> gold = GoldAggregations.qualityByHour(in.bronze(), in.silver(), in.quarantine(),
                in.duplicates());
        Dataset<Row> primaryOnly = GoldAggregations.qualityByHour(in.bronze(), in.silver(),
                in.quarantine().withColumn("reasons", array(col("primary_reason"))), in.duplicates());
        assertThat(difference(recomputed, Reconciler.comparable(primaryOnly)))
                .as("the previous definition: each row under its primary rule only").isPositive();
        Dataset<Row> noneConflicting = gold.withColumn("conflicting_duplicates", lit(0L));
        assertThat(difference(recomputed, Reconciler.comparable(noneConflicting)))
                .as("conflicting copies not counted").isPositive();
    }

    @Test
    void aGoldThatDiffersFromSilverIsCaught() {
        GoldRecomputed recomputed = new GoldRecomputed(spark);
        Dataset<Row> gold = GoldAggregations.revenueByCityHour(silver())
                .select("city", "hour_start", "revenue", "units", "orders")
                .selectExpr("city", "hour_start", "CAST(revenue * 2 AS DECIMAL(18,2)) AS revenue", "units", "orders");
        assertThat(difference(recomputed.revenueByCityHour(silver()), gold)).as("a doubled Gold").isPositive();
    }
}
