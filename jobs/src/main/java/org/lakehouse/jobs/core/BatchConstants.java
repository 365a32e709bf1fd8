package org.lakehouse.jobs.core;

import static org.apache.spark.sql.functions.udf;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.types.DataTypes;

/**
 * Values fixed for one batch or run (the time it was written, say) as columns whose generated code is the same in
 * every batch.
 *
 * <p>*Why:* Spark writes a timestamp literal, {@code current_timestamp()} included once it is computed, into the
 * generated Java source as a constant. Every batch then has new source, so Spark compiles new classes for the
 * batch's queries (its class cache is keyed by the source) and the JIT compiler starts over on their per-row loops,
 * the hottest code of a large batch. A value handed in through a function is held in the query's reference array
 * instead: the source, hence the compiled classes and the JIT's work, are reused by the next batch.
 */
public final class BatchConstants {
    private BatchConstants() {
    }

    /** {@code instant} as a timestamp column; never folded into the generated code. */
    public static Column timestamp(Instant instant) {
        return udf((UDF0<Instant>) () -> instant, DataTypes.TimestampType).apply();
    }

    /** {@code day} as a date column; never folded into the generated code. */
    public static Column date(LocalDate day) {
        return udf((UDF0<LocalDate>) () -> day, DataTypes.DateType).apply();
    }
}
