package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.junit.jupiter.api.Test;

/** A released local checkpoint keeps no blocks; releasing anything else does nothing. */
class SparkCheckpointsTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void releasingALocalCheckpointDropsItsBlocks() {
        Dataset<Row> checkpointed = spark.range(1_000).toDF("id").localCheckpoint(false);
        assertThat(checkpointed.count()).isEqualTo(1_000);
        int rddId = ((LogicalRDD) checkpointed.queryExecution().logical()).rdd().id();
        assertThat(persistedIds()).as("the first action stored the checkpoint").contains(rddId);

        SparkCheckpoints.release(checkpointed);

        assertThat(persistedIds()).as("released").doesNotContain(rddId);
    }

    @Test
    void aDatasetThatIsNoCheckpointIsLeftAlone() {
        Dataset<Row> plain = spark.range(10).toDF("id");
        assertThatCode(() -> SparkCheckpoints.release(plain)).doesNotThrowAnyException();
        assertThat(plain.count()).isEqualTo(10);
    }

    private Set<Integer> persistedIds() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().keySet();
    }
}
