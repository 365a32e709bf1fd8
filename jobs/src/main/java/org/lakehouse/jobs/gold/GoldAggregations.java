package org.lakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.lakehouse.jobs.core.UtcTime;

/**
 * Gold's aggregations as pure functions of their inputs. The incremental job applies them to the rows of the
 * windows a batch touched; {@code reconcile} applies them to whole tables and compares. One definition serves both.
 */
public final class GoldAggregations {
    private GoldAggregations() {
    }

    /**
     * Revenue, units and orders per canonical city, product code, UTC hour of event time and product name: the
     * grain both revenue tables roll up from, so one scan of Silver serves both. The name is a grouping column,
     * not a {@code max}: a string aggregate buffer makes Spark sort every row instead of hashing them, which was
     * a fifth of Gold's task time; the product-day roll-up takes the max name of a handful of grain rows instead.
     */
    public static Dataset<Row> revenueByCityProductHour(Dataset<Row> silver) {
        return silver.groupBy(col("city"), col("product_code"), UtcTime.hour("event_ts").as("hour_start"),
                        col("product_name"))
                .agg(sum("total_amount").as("revenue"),
                        sum("quantity").cast("bigint").as("units"),
                        count(lit(1)).as("orders"));
    }

    /** Revenue, units and orders per canonical city and UTC hour of event time. */
    public static Dataset<Row> revenueByCityHour(Dataset<Row> silver) {
        return cityHourFrom(revenueByCityProductHour(silver));
    }

    /** Revenue, units and orders per product code and UTC day of event time. */
    public static Dataset<Row> revenueByProductDay(Dataset<Row> silver) {
        return productDayFrom(revenueByCityProductHour(silver));
    }

    /** {@link #revenueByCityHour} rolled up from {@link #revenueByCityProductHour}'s rows (sums of sums: exact). */
    public static Dataset<Row> cityHourFrom(Dataset<Row> grain) {
        return grain.groupBy(col("city"), col("hour_start"))
                .agg(sum("revenue").cast("decimal(18,2)").as("revenue"),
                        sum("units").cast("bigint").as("units"),
                        sum("orders").cast("bigint").as("orders"));
    }

    /** {@link #revenueByProductDay} rolled up from {@link #revenueByCityProductHour}'s rows. */
    public static Dataset<Row> productDayFrom(Dataset<Row> grain) {
        return grain.groupBy(col("product_code").as("product"), UtcTime.day("hour_start").as("day"))
                .agg(max("product_name").as("product_name"),
                        sum("revenue").cast("decimal(18,2)").as("revenue"),
                        sum("units").cast("bigint").as("units"),
                        sum("orders").cast("bigint").as("orders"))
                .select("product", "product_name", "day", "revenue", "units", "orders");
    }

    /**
     * Per UTC hour of Kafka timestamp: Bronze rows, and where they went. {@code quarantined_by_rule} counts each
     * quarantined row once, under its primary (first failed) rule. {@link #qualityFrom} over the four tables'
     * {@link #rowsPerHour} and {@link #quarantinedPerHourAndRule}.
     */
    public static Dataset<Row> qualityByHour(Dataset<Row> bronze, Dataset<Row> silver, Dataset<Row> quarantine,
            Dataset<Row> duplicates) {
        return qualityFrom(rowsPerHour(bronze), rowsPerHour(silver), quarantinedPerHourAndRule(quarantine),
                rowsPerHour(duplicates));
    }

    /** A table's rows per UTC hour of Kafka timestamp: {@code hour_start, n}. */
    public static Dataset<Row> rowsPerHour(Dataset<Row> rows) {
        return rows.groupBy(UtcTime.hour("kafka_timestamp").as("hour_start")).agg(count(lit(1)).as("n"));
    }

    /**
     * The quarantine's rows per UTC hour of Kafka timestamp and primary (first failed) rule:
     * {@code hour_start, primary_reason, n}.
     */
    public static Dataset<Row> quarantinedPerHourAndRule(Dataset<Row> quarantine) {
        return quarantine.groupBy(UtcTime.hour("kafka_timestamp").as("hour_start"), col("primary_reason"))
                .agg(count(lit(1)).as("n"));
    }

    /**
     * The quality rows from the four tables' counts ({@link #rowsPerHour}, {@link #quarantinedPerHourAndRule}):
     * one row per hour any of them has. The quarantine's hourly count is the sum of its per-rule counts, so over
     * a table the quarantine is still scanned once (the plan reuses the grouping's exchange for the map). *Why in
     * two steps:* the counts are a few rows per hour, so the incremental job computes each table's on its own, side
     * by side, and combines the collected counts here; {@code reconcile} composes the same two steps over whole
     * tables.
     */
    public static Dataset<Row> qualityFrom(Dataset<Row> bronzePerHour, Dataset<Row> silverPerHour,
            Dataset<Row> quarantinedPerHourAndRule, Dataset<Row> duplicatesPerHour) {
        Dataset<Row> quarantineHourly = quarantinedPerHourAndRule.groupBy("hour_start")
                .agg(sum("n").as("n"))
                .withColumn("source", lit("quarantine"));
        Dataset<Row> rows = bronzePerHour.withColumn("source", lit("bronze"))
                .unionByName(silverPerHour.withColumn("source", lit("silver")))
                .unionByName(quarantineHourly)
                .unionByName(duplicatesPerHour.withColumn("source", lit("duplicate")));
        Dataset<Row> counts = rows.groupBy("hour_start").agg(
                sum(expr("CASE WHEN source = 'bronze' THEN n ELSE 0 END")).cast("bigint").as("bronze_rows"),
                sum(expr("CASE WHEN source = 'silver' THEN n ELSE 0 END")).cast("bigint").as("silver_rows"),
                sum(expr("CASE WHEN source = 'quarantine' THEN n ELSE 0 END")).cast("bigint").as("quarantined_rows"),
                sum(expr("CASE WHEN source = 'duplicate' THEN n ELSE 0 END")).cast("bigint").as("duplicates"));
        Dataset<Row> byRule = quarantinedPerHourAndRule.groupBy("hour_start")
                .agg(expr("map_from_entries(array_sort(collect_list(struct(primary_reason, n))))")
                        .as("quarantined_by_rule"));
        return counts.join(byRule, counts.col("hour_start").equalTo(byRule.col("hour_start")), "left")
                .select(counts.col("hour_start"), col("bronze_rows"), col("silver_rows"), col("quarantined_rows"),
                        expr("coalesce(quarantined_by_rule, CAST(map() AS MAP<STRING, BIGINT>))")
                                .cast("map<string,bigint>").as("quarantined_by_rule"),
                        col("duplicates"));
    }
}
