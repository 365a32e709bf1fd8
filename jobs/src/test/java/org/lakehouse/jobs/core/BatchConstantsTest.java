package org.lakehouse.jobs.core;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Batch constants carry their value, and a query that uses another value reuses the compiled code. */
class BatchConstantsTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void theValueIsKeptAndAnotherValueCompilesNoNewCode() {
        Instant first = Instant.parse("2026-12-02T10:15:30.5Z");
        assertThat(stamp(first, LocalDate.of(2026, 12, 2)).mkString("|")).as("values as given")
                .isEqualTo("2026-12-02 10:15:30.5|2026-12-02|41");

        long compiled = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
        assertThat(stamp(Instant.parse("2027-01-01T00:00:00Z"), LocalDate.of(2027, 1, 1)).mkString("|"))
                .isEqualTo("2027-01-01 00:00:00|2027-01-01|41");
        assertThat(CodegenMetrics.METRIC_COMPILATION_TIME().getCount()).as("classes compiled for the second query")
                .isEqualTo(compiled);
    }

    private Row stamp(Instant instant, LocalDate day) {
        return spark.range(40, 42).where(col("id").gt(40))
                .select(BatchConstants.timestamp(instant).cast("string"), BatchConstants.date(day).cast("string"),
                        col("id"))
                .first();
    }
}
