package org.lakehouse.jobs.core;

import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Column;

/**
 * UTC hours and days of timestamps as integer arithmetic on epoch microseconds. *Why:* Spark's {@code date_trunc}
 * and {@code to_date} go through {@code java.time} zoned date-times for every row, which was several percent of
 * Gold's task time; Silver's event dates and Gold's windows are UTC by definition, so no time zone is needed.
 * {@code pmod} rounds down before 1970 too. The SQL forms are for expressions written as text.
 */
public final class UtcTime {
    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private UtcTime() {
    }

    /** SQL for the start of the UTC hour of timestamp expression {@code ts}. */
    public static String hourSql(String ts) {
        return "timestamp_micros(" + floorMicros(ts, MICROS_PER_HOUR) + ")";
    }

    /** SQL for the UTC date of timestamp expression {@code ts}. */
    public static String daySql(String ts) {
        return "date_from_unix_date(CAST(" + floorMicros(ts, MICROS_PER_DAY) + " DIV " + MICROS_PER_DAY + " AS INT))";
    }

    /** SQL for {@code ts}'s epoch microseconds rounded down to a multiple of {@code unit}. */
    private static String floorMicros(String ts, long unit) {
        return "(unix_micros(" + ts + ") - pmod(unix_micros(" + ts + "), " + unit + "))";
    }

    /** The start of the UTC hour of the timestamp column {@code ts}. */
    public static Column hour(String ts) {
        return expr(hourSql(ts));
    }

    /** The UTC date of the timestamp column {@code ts}. */
    public static Column day(String ts) {
        return expr(daySql(ts));
    }
}
