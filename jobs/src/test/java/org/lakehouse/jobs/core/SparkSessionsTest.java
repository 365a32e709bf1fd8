package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark + Delta pairing works on Java 17 with the project's flags and settings. */
class SparkSessionsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.getOrCreate("spark-sessions-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void settingsComeFromTheConfigFile() {
        assertThat(SparkSessions.settings())
                .as("config/spark.properties, carried in the jar")
                .containsEntry("spark.databricks.delta.snapshotPartitions", "2")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1");
        assertThat(spark.conf().get("spark.sql.session.timeZone")).as("session time zone").isEqualTo("UTC");
    }

    @Test
    void writesAndReadsADeltaTable(@TempDir Path dir) {
        String table = dir.resolve("t").toString();
        spark.range(0, 100).selectExpr("id", "id * 2 AS twice").write().format("delta").save(table);
        Dataset<Row> back = spark.read().format("delta").load(table);
        assertThat(back.count()).as("rows read back from Delta").isEqualTo(100);
        List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + table + "`").collectAsList();
        assertThat(history).as("one Delta commit").hasSize(1);
    }
}
