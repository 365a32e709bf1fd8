package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The UTC hour and day arithmetic against Spark's own {@code date_trunc} and {@code to_date} in UTC. */
class UtcTimeTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void agreesWithSparkInUtcIncludingBefore1970AndOnBoundaries() {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        String[] timestamps = {"2026-12-01 23:59:59.999999", "2026-12-02 00:00:00", "2026-12-01 13:30:00.5",
            "1969-12-31 23:59:59.999999", "1969-12-31 00:00:00", "1900-03-01 12:34:56", "2400-02-29 23:00:00"};
        for (String t : timestamps) {
            String ts = "TIMESTAMP'" + t + "'";
            Row r = spark.sql("SELECT " + UtcTime.hourSql(ts) + " = date_trunc('hour', " + ts + "), "
                    + UtcTime.daySql(ts) + " = to_date(" + ts + ")").first();
            assertThat(r.getBoolean(0)).as("hour of %s", t).isTrue();
            assertThat(r.getBoolean(1)).as("day of %s", t).isTrue();
        }
    }
}
