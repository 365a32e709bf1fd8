package org.lakehouse.jobs.bench.textbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.silver.SilverRules;

/**
 * The textbook's plain Silver filter keeps what the rules file keeps, fault by fault: Bronze is written here as the
 * textbook's own Bronze writes it (the same {@code from_json}), then Silver and Gold recompute it.
 */
class TextbookPipelineTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:20:00Z");

    /** A valid order, with {@code from} replaced by {@code to} in its JSON. */
    private static String order(String eventId, String from, String to) {
        return ("{\"schema_version\":1,\"event_id\":\"" + eventId + "\",\"order_id\":\"ORD-" + eventId + "\","
                + "\"customer_id\":\"C-00001\",\"product\":{\"code\":\"P-1001\",\"name\":\"Espresso Machine\"},"
                + "\"quantity\":2,\"unit_price\":10.50,\"currency\":\"EUR\",\"city\":\"Berlin\","
                + "\"event_ts\":\"2026-12-07T10:15:00Z\"}").replace(from, to);
    }

    @Test
    void keepsValidStandardizedEventsOncePerIdAndRecomputesGold(@TempDir Path dir) {
        // the tests' own session: what is tested here is the textbook's code; its defaults are SettingScopeTest's
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");
        List<String> values = List.of(
                order("valid", "\"Berlin\"", "\"  berlin \"").replace("\"P-1001\"", "\"p-1001\""),
                order("valid", "", ""),                                            // a copy: dropped
                order("usd", "EUR", "USD"),                                        // only a warning: kept
                order("missing", "\"customer_id\":\"C-00001\",", ""),
                order("wrong-type", "\"quantity\":2", "\"quantity\":\"two\""),
                order("product-text", "{\"code\":\"P-1001\",\"name\":\"Espresso Machine\"}", "\"P-1001\""),
                order("zero-quantity", "\"quantity\":2", "\"quantity\":0"),
                order("free", "\"unit_price\":10.50", "\"unit_price\":0.00"),
                order("atlantis", "Berlin", "Atlantis"),
                order("unknown-product", "P-1001", "P-9999"),
                order("future", "2026-12-07T10:15:00Z", "2026-12-10T10:15:00Z"),
                "not json: order 17");
        List<Row> rows = values.stream().map(v -> RowFactory.create(v, Timestamp.from(NOW))).toList();
        TextbookPipeline pipeline = new TextbookPipeline(spark, dir, SilverRules.loadDefault());
        spark.createDataFrame(rows, StructType.fromDDL("value STRING, timestamp TIMESTAMP"))
                .select(from_json(col("value"), DataType.fromDDL(TextbookPipeline.EVENT_SCHEMA)).alias("order"),
                        col("timestamp").alias("kafka_timestamp"))
                .select("order.*", "kafka_timestamp")
                .write().format("delta").save(pipeline.bronzeTable().toString());

        pipeline.silver();
        pipeline.gold();

        List<Row> silver = spark.read().format("delta").load(pipeline.silverTable().toString())
                .orderBy("event_id").select("event_id", "city", "product_code").collectAsList();
        assertThat(silver).as("the valid event once, standardized, and the one that only warns").containsExactly(
                RowFactory.create("usd", "Berlin", "P-1001"), RowFactory.create("valid", "Berlin", "P-1001"));
        Row cityHour = spark.read().format("delta").load(pipeline.cityHourTable().toString())
                .selectExpr("city", "CAST(hour_start AS STRING)", "CAST(revenue AS STRING)", "units", "orders")
                .first();
        assertThat(cityHour).isEqualTo(RowFactory.create("Berlin", "2026-12-07 10:00:00", "42.00", 4L, 2L));
        assertThat(spark.read().format("delta").load(pipeline.productDayTable().toString()).count()).isEqualTo(1);

        pipeline.silver();
        assertThat(pipeline.silverRows()).as("a second run overwrites, never appends").isEqualTo(2);
    }
}
