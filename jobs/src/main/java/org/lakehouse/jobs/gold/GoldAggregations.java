package org.lakehouse.jobs.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.lakehouse.jobs.core.UtcTime;

/**
 * Gold's aggregations as pure functions of their inputs. The incremental job applies them to the rows of the
 * windows a batch touched; over whole tables they give the job's definition of each table, which the tests hold
 * against reconcile's own SQL ({@code reconcile.GoldRecomputed}, written apart on purpose).
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
     * Per UTC hour of Kafka timestamp: Bronze rows, and where they went. {@code quarantined_by_rule} counts the
     * quarantined rows per rule they failed ({@code reasons}): a row failing two rules counts under both, so the
     * values may add up to more than {@code quarantined_rows}, which counts rows. {@code conflicting_duplicates}
     * counts the duplicates whose payload differs from their original's. {@link #qualityFrom} over the four tables'
     * {@link #rowsPerHour}, {@link #quarantinedPerHourAndReasons} and {@link #duplicatesPerHour}.
     */
    public static Dataset<Row> qualityByHour(Dataset<Row> bronze, Dataset<Row> silver, Dataset<Row> quarantine,
            Dataset<Row> duplicates) {
        return qualityFrom(rowsPerHour(bronze), rowsPerHour(silver), quarantinedPerHourAndReasons(quarantine),
                duplicatesPerHour(duplicates));
    }

    /** A table's rows per UTC hour of Kafka timestamp: {@code hour_start, n}. */
    public static Dataset<Row> rowsPerHour(Dataset<Row> rows) {
        return rows.groupBy(UtcTime.hour("kafka_timestamp").as("hour_start")).agg(count(lit(1)).as("n"));
    }

    /**
     * The quarantine's rows per UTC hour of Kafka timestamp and list of failed rules: {@code hour_start, reasons,
     * n}. Both of the quality table's quarantine figures follow from it exactly: the rows per hour are the sum of
     * {@code n}, the rows per rule the sum of {@code n} over the lists that hold the rule. *Why by list, not by
     * rule:* one scan gives both, and the lists are few (combinations of a handful of rules), so the counts stay a
     * few rows per hour.
     */
    public static Dataset<Row> quarantinedPerHourAndReasons(Dataset<Row> quarantine) {
        return quarantine.groupBy(UtcTime.hour("kafka_timestamp").as("hour_start"), col("reasons"))
                .agg(count(lit(1)).as("n"));
    }

    /**
     * The duplicates per UTC hour of Kafka timestamp: {@code hour_start, n, conflicting}, the last the duplicates
     * whose {@code conflicting} is true. A row written before the column existed reads it as NULL, and a table an
     * earlier version created has no such column until Silver next runs: both count as not conflicting.
     */
    public static Dataset<Row> duplicatesPerHour(Dataset<Row> duplicates) {
        boolean known = Arrays.stream(duplicates.columns()).anyMatch("conflicting"::equalsIgnoreCase);
        Column conflicting = known ? coalesce(col("conflicting"), lit(false)) : lit(false);
        return duplicates.groupBy(UtcTime.hour("kafka_timestamp").as("hour_start"))
                .agg(count(lit(1)).as("n"), count(when(conflicting, lit(1))).as("conflicting"));
    }

    /**
     * The quality rows from the four tables' counts ({@link #rowsPerHour}, {@link #quarantinedPerHourAndReasons},
     * {@link #duplicatesPerHour}): one row per hour any of them has. Over a table the quarantine is still scanned
     * once (the plan reuses the grouping's exchange for the rule counts). *Why in two steps:* the counts are a few
     * rows per hour, so the incremental job computes each table's on its own, side by side, and combines the
     * collected counts here; {@link #qualityByHour} composes the same two steps over whole tables.
     */
    public static Dataset<Row> qualityFrom(Dataset<Row> bronzePerHour, Dataset<Row> silverPerHour,
            Dataset<Row> quarantinedPerHourAndReasons, Dataset<Row> duplicatesPerHour) {
        Dataset<Row> quarantineHourly = quarantinedPerHourAndReasons.groupBy("hour_start")
                .agg(sum("n").as("n"))
                .withColumn("conflicting", lit(0L))
                .withColumn("source", lit("quarantine"));
        Dataset<Row> rows = bronzePerHour.withColumn("conflicting", lit(0L)).withColumn("source", lit("bronze"))
                .unionByName(silverPerHour.withColumn("conflicting", lit(0L)).withColumn("source", lit("silver")))
                .unionByName(quarantineHourly)
                .unionByName(duplicatesPerHour.withColumn("source", lit("duplicate")));
        Dataset<Row> counts = rows.groupBy("hour_start").agg(
                sum(expr("CASE WHEN source = 'bronze' THEN n ELSE 0 END")).cast("bigint").as("bronze_rows"),
                sum(expr("CASE WHEN source = 'silver' THEN n ELSE 0 END")).cast("bigint").as("silver_rows"),
                sum(expr("CASE WHEN source = 'quarantine' THEN n ELSE 0 END")).cast("bigint").as("quarantined_rows"),
                sum(expr("CASE WHEN source = 'duplicate' THEN n ELSE 0 END")).cast("bigint").as("duplicates"),
                sum("conflicting").cast("bigint").as("conflicting_duplicates"));
        Dataset<Row> byRule = quarantinedPerHourAndReasons
                .select(col("hour_start"), explode(col("reasons")).as("rule"), col("n"))
                .groupBy("hour_start", "rule")
                .agg(sum("n").as("n"))
                .groupBy("hour_start")
                .agg(expr("map_from_entries(array_sort(collect_list(struct(rule, n))))").as("quarantined_by_rule"));
        return counts.join(byRule, counts.col("hour_start").equalTo(byRule.col("hour_start")), "left")
                .select(counts.col("hour_start"), col("bronze_rows"), col("silver_rows"), col("quarantined_rows"),
                        expr("coalesce(quarantined_by_rule, CAST(map() AS MAP<STRING, BIGINT>))")
                                .cast("map<string,bigint>").as("quarantined_by_rule"),
                        col("duplicates"), col("conflicting_duplicates"));
    }
}
