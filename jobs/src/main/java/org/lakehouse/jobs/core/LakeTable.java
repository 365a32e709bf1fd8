package org.lakehouse.jobs.core;

/** The Delta tables of the lake: their catalog names and their folders under the data directory. */
public enum LakeTable {
    BRONZE_ORDERS_RAW("bronze", "orders_raw", "bronze/orders_raw"),
    SILVER_ORDERS("silver", "orders", "silver/orders"),
    SILVER_QUARANTINE("silver", "orders_quarantine", "silver/orders_quarantine"),
    SILVER_DUPLICATES("silver", "orders_duplicates", "silver/orders_duplicates"),
    GOLD_REVENUE_BY_CITY_HOUR("gold", "revenue_by_city_hour", "gold/revenue_by_city_hour"),
    GOLD_REVENUE_BY_PRODUCT_DAY("gold", "revenue_by_product_day", "gold/revenue_by_product_day"),
    GOLD_QUALITY_BY_HOUR("gold", "quality_by_hour", "gold/quality_by_hour");

    private final String database;
    private final String table;
    private final String folder;

    LakeTable(String database, String table, String folder) {
        this.database = database;
        this.table = table;
        this.folder = folder;
    }

    public String database() {
        return database;
    }

    /** The table's name within its database. */
    public String table() {
        return table;
    }

    /** {@code database.table}, as queries name it. */
    public String qualifiedName() {
        return database + "." + table;
    }

    /** The folder under the data directory. */
    public String folder() {
        return folder;
    }
}
