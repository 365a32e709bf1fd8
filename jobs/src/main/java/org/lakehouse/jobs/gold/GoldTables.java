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

    private GoldTables() {
    }
}
