package org.lakehouse.jobs.bench.textbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;

/** Which of our settings the textbook's session can go back from, and that it does, leaving ours alone. */
class SettingScopeTest {
    private static final Predicate<String> STATIC = Set.of("spark.sql.codegen.cache.maxEntries")::contains;

    @Test
    void sessionSettingsAreResetTheRestIsFixedForTheJvm() {
        assertThat(SettingScope.of("spark.sql.shuffle.partitions", STATIC)).isEqualTo(SettingScope.SESSION);
        assertThat(SettingScope.of("spark.databricks.delta.snapshotPartitions", STATIC))
                .as("Delta's settings are session settings").isEqualTo(SettingScope.SESSION);
        assertThat(SettingScope.of("parquet.enable.dictionary#value", STATIC))
                .as("Parquet's, handed to the writer from the session").isEqualTo(SettingScope.SESSION);
        assertThat(SettingScope.of("spark.sql.extensions", STATIC)).isEqualTo(SettingScope.DELTA_SETUP);
        assertThat(SettingScope.of("spark.sql.catalog.spark_catalog", STATIC)).isEqualTo(SettingScope.DELTA_SETUP);
        assertThat(SettingScope.of("spark.sql.codegen.cache.maxEntries", STATIC)).isEqualTo(SettingScope.STATIC_SQL);
        assertThat(SettingScope.of("spark.buffer.pageSize", STATIC)).isEqualTo(SettingScope.SPARK_CONTEXT);
        assertThat(SettingScope.of("spark.hadoop.fs.file.impl", STATIC)).isEqualTo(SettingScope.SPARK_CONTEXT);
        assertThat(SettingScope.of("spark.default.parallelism", STATIC)).isEqualTo(SettingScope.SPARK_CONTEXT);
        assertThat(SettingScope.SESSION.resettable()).isTrue();
        assertThat(SettingScope.SPARK_CONTEXT.resettable()).isFalse();
    }

    @Test
    void theTextbooksSessionIsAtTheDefaultsAndOursKeepsItsSettings() {
        SparkSession ours = SparkSessions.getOrCreate("lakehouse-test");
        TextbookSession textbook = TextbookSession.of(ours);
        SparkSession session = textbook.session();
        assertThat(session.conf().get("spark.sql.shuffle.partitions")).as("Spark's default").isEqualTo("200");
        assertThat(session.conf().get("spark.sql.inMemoryColumnarStorage.compressed")).isEqualTo("true");
        assertThat(session.conf().getOption("spark.databricks.delta.snapshotPartitions").isDefined())
                .as("Delta's default, which is no session value").isFalse();
        assertThat(session.conf().getOption("parquet.enable.dictionary#value").isDefined()).isFalse();
        assertThat(session.conf().get("spark.sql.extensions")).as("Delta's setup is kept")
                .isEqualTo("io.delta.sql.DeltaSparkSessionExtension");
        assertThat(ours.conf().get("spark.sql.shuffle.partitions")).as("ours untouched").isEqualTo("4");
        assertThat(ours.conf().get("spark.databricks.delta.snapshotPartitions")).isEqualTo("2");
        assertThat(textbook.settings().get(SettingScope.SESSION)).contains("spark.sql.shuffle.partitions");
        assertThat(textbook.settings().get(SettingScope.SPARK_CONTEXT)).contains("spark.buffer.pageSize");
        assertThat(textbook.settings().get(SettingScope.STATIC_SQL)).containsExactly(
                "spark.sql.codegen.cache.maxEntries");
    }
}
