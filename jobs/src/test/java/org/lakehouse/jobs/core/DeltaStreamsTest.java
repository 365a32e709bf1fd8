package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a new streaming query starts from a table's first commit, and that it then reads what a snapshot holds. */
class DeltaStreamsTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void aYoungTableIsReadFromItsFirstCommitWithEveryRowOnceAndAResumedQueryReadsOnlyNewRows(@TempDir Path dir)
            throws Exception {
        LakePaths paths = new LakePaths(dir);
        String table = paths.uri(LakeTable.SILVER_ORDERS);
        for (int i = 0; i < 3; i++) {
            spark.range(i * 10L, i * 10L + 10).write().format("delta").mode("append").save(table);
        }
        assertThat(DeltaStreams.readsFromFirstCommit(paths.table(LakeTable.SILVER_ORDERS))).isTrue();
        Path checkpoint = dir.resolve("checkpoint");

        assertThat(drain(paths, checkpoint)).containsExactlyInAnyOrderElementsOf(range(0, 30));

        spark.range(30, 35).write().format("delta").mode("append").save(table);
        assertThat(drain(paths, checkpoint)).as("the checkpoint wins over startingVersion")
                .containsExactlyInAnyOrderElementsOf(range(30, 35));
    }

    @Test
    void aTableWithoutItsFirstCommitOrWithManyCommitsOrWithoutALogKeepsTheSnapshotStart(@TempDir Path dir)
            throws IOException {
        Path cleaned = Files.createDirectories(dir.resolve("cleaned/_delta_log"));
        Files.createFile(cleaned.resolve("00000000000000000010.checkpoint.parquet"));
        Files.createFile(cleaned.resolve("00000000000000000011.json"));
        assertThat(DeltaStreams.readsFromFirstCommit(dir.resolve("cleaned"))).as("first commit cleaned up")
                .isFalse();

        Path old = Files.createDirectories(dir.resolve("old/_delta_log"));
        for (int v = 0; v <= DeltaStreams.MAX_COMMITS_FROM_FIRST; v++) {
            Files.createFile(old.resolve(String.format("%020d.json", v)));
        }
        assertThat(DeltaStreams.readsFromFirstCommit(dir.resolve("old"))).as("more commits than the bound")
                .isFalse();
        Files.delete(old.resolve(String.format("%020d.json", DeltaStreams.MAX_COMMITS_FROM_FIRST)));
        assertThat(DeltaStreams.readsFromFirstCommit(dir.resolve("old"))).as("exactly the bound").isTrue();

        assertThat(DeltaStreams.readsFromFirstCommit(dir.resolve("missing"))).as("no table").isFalse();
    }

    private List<Long> drain(LakePaths paths, Path checkpoint) throws TimeoutException, StreamingQueryException {
        List<Long> ids = new CopyOnWriteArrayList<>();
        StreamingQuery q = DeltaStreams.read(spark, paths, LakeTable.SILVER_ORDERS, Map.of())
                .writeStream()
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) ->
                        batch.collectAsList().forEach(r -> ids.add(r.getLong(0))))
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.AvailableNow()).start();
        q.awaitTermination();
        return ids;
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.range(from, to).boxed().toList();
    }
}
