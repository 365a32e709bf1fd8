package org.lakehouse.jobs.core;

import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/** What a job run gets: a session, the lake's paths, its checked parameters and a clock. */
public record JobContext(SparkSession spark, LakePaths paths, JobParams params, Clock clock) {
}
