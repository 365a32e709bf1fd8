package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefetch leaves each existing table's Delta state built, skips missing tables and survives broken ones. */
class DeltaStatePrefetchTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void theStateOfEveryExistingTableIsBuiltWhenThePrefetchCloses(@TempDir Path dir) {
        LakePaths paths = new LakePaths(dir);
        for (LakeTable table : List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE)) {
            spark.range(10).write().format("delta").mode("append").save(paths.uri(table));
            spark.range(10, 20).write().format("delta").mode("append").save(paths.uri(table));
        }
        DeltaLog.clearCache();
        assertThat(DeltaLog.forTable(spark, paths.uri(LakeTable.SILVER_ORDERS)).unsafeVolatileSnapshot()
                ._computedStateTriggered()).as("a freshly loaded snapshot has not built its state").isFalse();
        DeltaLog.clearCache();

        try (DeltaStatePrefetch prefetch = DeltaStatePrefetch.start(spark, paths,
                List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE, LakeTable.SILVER_DUPLICATES))) {
            assertThat(prefetch.size()).as("the missing duplicates table is skipped").isEqualTo(2);
        }

        for (LakeTable table : List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE)) {
            assertThat(DeltaLog.forTable(spark, paths.uri(table)).unsafeVolatileSnapshot()._computedStateTriggered())
                    .as("%s: state built by the prefetch", table).isTrue();
        }
    }

    @Test
    void aTableThatCannotBeLoadedIsIgnoredAndNoTableIsNothingToDo(@TempDir Path dir) throws IOException {
        LakePaths paths = new LakePaths(dir);
        Path log = Files.createDirectories(paths.table(LakeTable.SILVER_ORDERS).resolve("_delta_log"));
        Files.writeString(log.resolve("00000000000000000000.json"), "not a Delta commit\n");

        assertThatCode(() -> {
            try (DeltaStatePrefetch prefetch = DeltaStatePrefetch.start(spark, paths, List.of(LakeTable.SILVER_ORDERS,
                    LakeTable.SILVER_DUPLICATES))) {
                assertThat(prefetch.size()).isEqualTo(1);
            }
        }).as("a broken log is the run's problem, not the prefetch's").doesNotThrowAnyException();

        try (DeltaStatePrefetch none = DeltaStatePrefetch.start(spark, new LakePaths(dir.resolve("empty")),
                List.of(LakeTable.GOLD_QUALITY_BY_HOUR))) {
            assertThat(none.size()).isZero();
        }
    }
}
