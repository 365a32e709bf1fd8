package org.lakehouse.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;

/** Bronze's projection: the header lookup's semantics and the schema the table is created with. */
class BronzeTransformTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    /** One Kafka-source-shaped row per case, headers given as SQL; {@code case} numbers the expected values. */
    private Dataset<Row> kafkaRows(String... headersSql) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < headersSql.length; i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS `case`, ")
                    .append("CAST('k' AS BINARY) AS key, CAST('{}' AS BINARY) AS value, 'orders' AS topic, 0 AS ")
                    .append("`partition`, CAST(").append(i).append(" AS BIGINT) AS `offset`, ")
                    .append("TIMESTAMP'2026-01-01 00:00:00' AS timestamp, 0 AS timestampType, ")
                    .append("CAST(").append(headersSql[i]).append(" AS ARRAY<STRUCT<key: STRING, value: BINARY>>) ")
                    .append("AS headers");
        }
        return spark.sql(sql.toString());
    }

    private static String header(String key, String value) {
        return "named_struct('key', '" + key + "', 'value', CAST('" + value + "' AS BINARY))";
    }

    @Test
    void findsTheFirstHeaderOfANameAtAnyPosition() {
        Dataset<Row> rows = kafkaRows(
                "array(" + header("content-type", "application/json") + ", " + header("schema", "order-v1") + ")",
                "array(" + header("schema", "order-v1") + ", " + header("content-type", "application/avro") + ")",
                "array(" + header("seq", "1") + ", " + header("producer", "p") + ", " + header("x", "y") + ", "
                        + header("content-type", "text/csv") + ", " + header("schema", "s2") + ", "
                        + header("schema", "second") + ")",
                "array(" + header("content-type", "application/json") + ", "
                        + header("content-type", "application/avro") + ")",
                "array()",
                "NULL");
        Dataset<Row> bronze = BronzeTransform.toBronze(rows.drop("case"), Instant.EPOCH)
                .select("offset", "format", "schema").orderBy("offset");
        assertThat(bronze.collectAsList()).extracting(Row::toString).containsExactly(
                "[0,json,order-v1]", "[1,avro,order-v1]", "[2,text/csv,s2]", "[3,json,null]", "[4,null,null]",
                "[5,null,null]");
    }

    @Test
    void producesTheDeclaredTableSchemaStampedWithTheRunsStartAndItsUtcDate() {
        Instant lateEvening = Instant.parse("2026-12-02T23:59:59.123456Z");
        Dataset<Row> bronze = BronzeTransform.toBronze(kafkaRows("array(" + header("schema", "s") + ")")
                .drop("case"), lateEvening);
        assertThat(withoutNullability(bronze.schema()))
                .isEqualTo(withoutNullability(StructType.fromDDL(BronzeTable.SCHEMA)));
        Row stamp = bronze.selectExpr("CAST(ingest_ts AS STRING)", "CAST(ingest_date AS STRING)").first();
        assertThat(stamp.getString(0)).as("ingest_ts in the UTC session").isEqualTo("2026-12-02 23:59:59.123456");
        assertThat(stamp.getString(1)).as("the UTC date").isEqualTo("2026-12-02");
    }

    private static String withoutNullability(StructType schema) {
        return Arrays.stream(schema.fields()).map(StructField::toDDL).toList().toString()
                .replace(" NOT NULL", "");
    }
}
