package org.lakehouse.jobs.bronze;

/** The schema of {@code bronze.orders_raw} (the README documents each column) and its statistics columns. */
public final class BronzeTable {
    public static final String SCHEMA = "key BINARY, value BINARY, topic STRING, `partition` INT, `offset` BIGINT, "
            + "kafka_timestamp TIMESTAMP, timestamp_type INT, headers ARRAY<STRUCT<key: STRING, value: BINARY>>, "
            + "payload_size INT, format STRING, schema STRING, ingest_ts TIMESTAMP, ingest_date DATE";

    /**
     * Delta's {@code delta.dataSkippingStatsColumns}: file statistics only for the provenance and time columns
     * that reads filter Bronze by. *Why:* by default Delta computes min, max and null count for every column of
     * every row written, and in Bronze that means the raw bytes and the nested headers; it was about a quarter of
     * Bronze's task CPU in the benchmark.
     */
    public static final String STATS = "topic,partition,offset,kafka_timestamp,payload_size,format,ingest_ts";

    public static final String PARTITION_COLUMN = "ingest_date";

    private BronzeTable() {
    }
}
