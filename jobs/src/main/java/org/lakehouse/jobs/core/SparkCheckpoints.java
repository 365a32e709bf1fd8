package org.lakehouse.jobs.core;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;

/** Releasing what {@link Dataset#localCheckpoint(boolean)} keeps. */
public final class SparkCheckpoints {
    private SparkCheckpoints() {
    }

    /**
     * Drops the blocks of a locally checkpointed Dataset now, instead of when the collector finds its RDD
     * unreachable. A Dataset that is not a local checkpoint is left alone. Spark logs a warning for each release
     * (the rows cannot be recomputed afterwards, which is the point); {@code config/logback.xml} keeps it out of the
     * log.
     */
    public static void release(Dataset<Row> checkpointed) {
        if (checkpointed.queryExecution().logical() instanceof LogicalRDD rdd) {
            rdd.rdd().unpersist(false);
        }
    }
}
