package org.lakehouse.jobs.silver;

/** The schemas of Silver's three tables (the README documents each column). */
public final class SilverTables {
    public static final String ORDERS = "event_id STRING, order_id STRING, customer_id STRING, product_code STRING, "
            + "product_name STRING, quantity INT, unit_price DECIMAL(18,2), total_amount DECIMAL(18,2), "
            + "currency STRING, city STRING, event_ts TIMESTAMP, event_date DATE, topic STRING, `partition` INT, "
            + "`offset` BIGINT, kafka_timestamp TIMESTAMP, format STRING, warnings ARRAY<STRING>, "
            + "processed_at TIMESTAMP";
    public static final String QUARANTINE = "key BINARY, value BINARY, topic STRING, `partition` INT, "
            + "`offset` BIGINT, kafka_timestamp TIMESTAMP, format STRING, reasons ARRAY<STRING>, "
            + "primary_reason STRING, error_detail STRING, quarantined_at TIMESTAMP";
    public static final String DUPLICATES = "event_id STRING, topic STRING, `partition` INT, `offset` BIGINT, "
            + "kafka_timestamp TIMESTAMP, original_topic STRING, original_partition INT, original_offset BIGINT, "
            + "conflicting BOOLEAN, detected_at TIMESTAMP";

    /**
     * Delta's {@code delta.dataSkippingStatsColumns} of each table: file statistics (min, max, null count) only for
     * the columns queries filter by: provenance, event and Kafka time, city and product. *Why:* Delta computes
     * statistics for the first 32 columns of every row it writes by default, which was about a quarter of Silver's
     * write time in a profile, mostly for amounts and names no query filters by. The order and customer ids are
     * left out too: they are random, so every file's minimum and maximum span nearly all of them and skip nothing.
     */
    public static final String ORDERS_STATS = "product_code,city,event_ts,topic,partition,offset,kafka_timestamp";
    public static final String QUARANTINE_STATS = "topic,partition,offset,kafka_timestamp,primary_reason";
    public static final String DUPLICATES_STATS = "event_id,topic,partition,offset,kafka_timestamp";

    private SilverTables() {
    }
}
