package org.lakehouse.jobs.bench.textbook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataType;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.silver.SilverRules;

/**
 * The lake's pipeline as a typical Spark tutorial writes it, over a lake folder of its own: Bronze parses Kafka's
 * JSON in the stream and appends it to Delta ({@code trigger(availableNow)}); Silver reads all of Bronze, keeps the
 * rows that pass a plain {@code where} and drops repeated event ids, and overwrites its table; Gold recomputes
 * revenue by city and hour and by product and day from all of Silver and overwrites both tables. Nothing is tuned:
 * the code is what the documentation shows, run in the session it is given ({@link TextbookSession}).
 *
 * <p>The {@code where} is {@code config/silver-rules.yaml}'s quarantine rules in their plain form, with the same
 * reference lists: the required fields present and of their type ({@code from_json} leaves a field of another type
 * null), quantity and price above 0, a known city and product after trimming and case folding, and an event time at
 * most an hour past its Kafka time. The currency rule there only warns, so it keeps rows here too. The textbook has
 * no quarantine or duplicates tables, no exactly-once bookkeeping, and no quality table in Gold.
 */
public final class TextbookPipeline {
    /** The event's JSON fields with their types, as a tutorial declares them. */
    static final String EVENT_SCHEMA = "schema_version INT, event_id STRING, order_id STRING, customer_id STRING, "
            + "product STRUCT<code: STRING, name: STRING>, quantity INT, unit_price DECIMAL(18,2), currency STRING, "
            + "city STRING, event_ts TIMESTAMP";

    private final SparkSession spark;
    private final Path lake;
    private final String valid;

    /**
     * @param spark     the session to run in (the textbook's, at the defaults)
     * @param lake      the folder of its tables and Bronze's checkpoint
     * @param reference the cities and products a valid row names
     */
    public TextbookPipeline(SparkSession spark, Path lake, SilverRules reference) {
        this.spark = spark;
        this.lake = lake;
        this.valid = validRows(reference);
    }

    /** The plain validity filter: required and typed, positive amounts, known names, no far-future time. */
    static String validRows(SilverRules reference) {
        return "event_id IS NOT NULL AND order_id IS NOT NULL AND customer_id IS NOT NULL AND product IS NOT NULL "
                + "AND quantity IS NOT NULL AND unit_price IS NOT NULL AND city IS NOT NULL AND event_ts IS NOT NULL "
                + "AND quantity > 0 AND unit_price > 0 "
                + "AND initcap(trim(city)) IN (" + quoted(reference.cities()) + ") "
                + "AND upper(trim(product.code)) IN (" + quoted(reference.products().keySet()) + ") "
                + "AND event_ts <= kafka_timestamp + INTERVAL 1 HOUR";
    }

    public Path bronzeTable() {
        return lake.resolve("bronze");
    }

    public Path silverTable() {
        return lake.resolve("silver");
    }

    public Path cityHourTable() {
        return lake.resolve("gold_revenue_by_city_hour");
    }

    public Path productDayTable() {
        return lake.resolve("gold_revenue_by_product_day");
    }

    /** Every table's folder, Bronze's checkpoint's too. */
    public Path lake() {
        return lake;
    }

    /**
     * Appends what {@code topic} holds beyond Bronze's checkpoint to Bronze, parsed, and returns the records read.
     */
    public long bronze(String bootstrap, String topic) {
        return inSession(() -> {
            Dataset<Row> orders = spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", topic)
                    .option("startingOffsets", "earliest")
                    .load()
                    .select(from_json(col("value").cast("string"), DataType.fromDDL(EVENT_SCHEMA)).alias("order"),
                            col("timestamp").alias("kafka_timestamp"))
                    .select("order.*", "kafka_timestamp");
            try {
                StreamingQuery query = orders.writeStream().format("delta").outputMode("append")
                        .option("checkpointLocation", lake.resolve("_checkpoints").resolve("bronze").toString())
                        .trigger(Trigger.AvailableNow())
                        .start(bronzeTable().toString());
                query.awaitTermination();
                return Arrays.stream(query.recentProgress()).mapToLong(StreamingQueryProgress::numInputRows).sum();
            } catch (StreamingQueryException e) {
                throw new JobException("The textbook Bronze run on " + topic + " failed: " + e.getMessage()
                        + ". Its lake is " + lake + "; check the broker and rerun the benchmark.", false, e);
            }
        });
    }

    /** Rebuilds Silver from all of Bronze: valid rows, standardized, one per event id. */
    public void silver() {
        inSession(() -> {
            spark.read().format("delta").load(bronzeTable().toString())
                    .where(valid)
                    .selectExpr("event_id", "order_id", "customer_id", "upper(trim(product.code)) AS product_code",
                            "trim(product.name) AS product_name", "quantity", "unit_price",
                            "upper(trim(currency)) AS currency", "initcap(trim(city)) AS city", "event_ts",
                            "to_date(event_ts) AS event_date", "kafka_timestamp")
                    .dropDuplicates("event_id")
                    .write().format("delta").mode("overwrite").save(silverTable().toString());
            return null;
        });
    }

    /** Rebuilds both revenue tables from all of Silver. */
    public void gold() {
        inSession(() -> {
            Dataset<Row> silver = spark.read().format("delta").load(silverTable().toString());
            silver.groupBy(col("city"), date_trunc("hour", col("event_ts")).alias("hour_start"))
                    .agg(sum(col("quantity").multiply(col("unit_price"))).alias("revenue"),
                            sum("quantity").alias("units"), count(lit(1)).alias("orders"))
                    .write().format("delta").mode("overwrite").save(cityHourTable().toString());
            silver.groupBy(col("product_code"), to_date(col("event_ts")).alias("day"))
                    .agg(sum(col("quantity").multiply(col("unit_price"))).alias("revenue"),
                            sum("quantity").alias("units"), count(lit(1)).alias("orders"))
                    .write().format("delta").mode("overwrite").save(productDayTable().toString());
            return null;
        });
    }

    /** Rows of Silver (not timed: a check that the textbook kept what ours kept). */
    public long silverRows() {
        return inSession(() -> spark.read().format("delta").load(silverTable().toString()).count());
    }

    /**
     * Runs {@code work} with the textbook's session as the thread's active one. *Why:* Delta reads some settings
     * from the active session rather than the one a query came from, and ours is active on this thread.
     */
    private <T> T inSession(Supplier<T> work) {
        scala.Option<SparkSession> before = SparkSession.getActiveSession();
        SparkSession.setActiveSession(spark);
        try {
            return work.get();
        } finally {
            if (before.isDefined()) {
                SparkSession.setActiveSession(before.get());
            } else {
                SparkSession.clearActiveSession();
            }
        }
    }

    private static String quoted(Collection<String> values) {
        return values.stream().sorted().map(v -> "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(", "));
    }
}
