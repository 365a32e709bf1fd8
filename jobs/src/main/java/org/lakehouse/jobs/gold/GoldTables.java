package org.lakehouse.jobs.gold;

/** The schemas of the Gold tables (the README documents each column). */
public final class GoldTables {
    public static final String CITY_HOUR = "city STRING, hour_start TIMESTAMP, revenue DECIMAL(18,2), units BIGINT, "
            + "orders BIGINT";
    public static final String PRODUCT_DAY = "product STRING, product_name STRING, day DATE, revenue DECIMAL(18,2), "
            + "units BIGINT, orders BIGINT";
    public static final String QUALITY_HOUR = "hour_start TIMESTAMP, bronze_rows BIGINT, silver_rows BIGINT, "
            + "quarantined_rows BIGINT, quarantined_by_rule MAP<STRING, BIGINT>, duplicates BIGINT, "
            + "conflicting_duplicates BIGINT";

    /**
     * The table property of {@code quality_by_hour} that names the definition its rows follow. Versions before this
     * one set none: they counted each quarantined row under its primary rule only and had no
     * {@code conflicting_duplicates}. The Gold job creates the table with {@link #QUALITY_DEFINITION} and, finding
     * a table without it, recomputes the hours an earlier version wrote before setting it.
     */
    public static final String QUALITY_DEFINITION_PROPERTY = "lakehouse.quality_by_hour.definition";
    /** Every failed rule counted, and the conflicting duplicates. */
    public static final String QUALITY_DEFINITION = "2";

    private GoldTables() {
    }
}
