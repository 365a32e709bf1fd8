package org.lakehouse.jobs.bronze;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.lakehouse.jobs.core.BatchConstants;

/** Kafka source rows to Bronze rows: the bytes exactly as received, the provenance, nothing parsed or dropped. */
public final class BronzeTransform {
    private BronzeTransform() {
    }

    /**
     * @param kafka rows of Spark's Kafka source read with {@code includeHeaders=true}
     * @param ingestedAt the ingestion time to stamp: the start of the run that reads the rows; {@code ingest_date}
     *     is its UTC date. Both are kept out of the generated code ({@link BatchConstants}), so each run reuses the
     *     previous run's compiled per-record code
     */
    public static Dataset<Row> toBronze(Dataset<Row> kafka, Instant ingestedAt) {
        String contentType = headerSql("content-type");
        return kafka.select(
                col("key"),
                col("value"),
                col("topic"),
                col("partition"),
                col("offset"),
                col("timestamp").as("kafka_timestamp"),
                col("timestampType").as("timestamp_type"),
                col("headers"),
                coalesce(octet_length(col("value")), lit(0)).as("payload_size"),
                expr("CASE " + contentType + " WHEN 'application/json' THEN 'json' "
                        + "WHEN 'application/avro' THEN 'avro' ELSE " + contentType + " END").as("format"),
                expr(headerSql("schema")).as("schema"),
                BatchConstants.timestamp(ingestedAt).as("ingest_ts"),
                BatchConstants.date(LocalDate.ofInstant(ingestedAt, ZoneOffset.UTC)).as("ingest_date"));
    }

    /**
     * SQL for the value of the first header named {@code name}, as UTF-8 text, or null. The first two positions are
     * looked at directly, since producers put the format headers first; only a header further back costs the
     * general {@code array_position} search, which builds the array of all header keys for each record. Not a
     * {@code filter} lambda: higher-order functions fall back to interpreted evaluation, which cost Bronze a
     * measurable share of its throughput. {@code get} returns NULL past the end of the array (no ANSI error).
     */
    static String headerSql(String name) {
        String position = "array_position(headers.key, '" + name + "')";
        return "CAST(CASE " + direct(0, name) + direct(1, name) + "WHEN " + position
                + " > 0 THEN element_at(headers.value, CAST(" + position + " AS INT)) END AS STRING)";
    }

    private static String direct(int index, String name) {
        String header = "get(headers, " + index + ")";
        return "WHEN " + header + ".key = '" + name + "' THEN " + header + ".value ";
    }
}
