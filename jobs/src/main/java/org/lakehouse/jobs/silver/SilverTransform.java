package org.lakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.lakehouse.jobs.core.ScalaSeqs;
import org.lakehouse.jobs.core.UtcTime;

/**
 * Silver's pure steps over evaluated rows (see {@link RuleEngine#evaluate}): quarantine rows, and the split of the
 * valid rows into originals and duplicates.
 *
 * <p>Deduplication: the original of an {@code event_id} is its copy with the lowest (topic, partition, offset);
 * every later copy, whatever its payload or event time, is a duplicate, flagged {@code conflicting} when its payload
 * differs from the original's. A batch's copies are looked up in Silver across every date (a copy may carry another
 * event time than its original), through two 64-bit columns each Silver row stores: {@code event_key}, a hash of
 * the {@code event_id}, and {@code payload_hash}, a hash of the typed order fields. The lookup reads those narrow
 * columns and the provenance, matches on the key, then confirms on the {@code event_id} itself for the few rows that
 * matched, so it is exact. A row that finds itself in Silver (same provenance: a replayed batch) is an original
 * again, so a replay classifies exactly as the first attempt did.
 */
public final class SilverTransform {
    /** SQL for a row's {@code event_date}, Silver's partition column: the UTC date of {@code event_ts}. */
    public static final String EVENT_DATE_SQL = UtcTime.daySql("event_ts");
    /** SQL for a row's {@code event_key}: the dedupe lookup's join key, a 64-bit hash of the {@code event_id}. */
    public static final String EVENT_KEY_SQL = "xxhash64(event_id)";
    /**
     * SQL for a row's {@code payload_hash}, over Silver's typed order fields: two copies of an event conflict when
     * theirs differ. Typed, not raw bytes: the same order sent as JSON and as Avro, or with its fields in another
     * order, is the same payload.
     */
    public static final String PAYLOAD_HASH_SQL = "xxhash64(order_id, customer_id, product_code, product_name, "
            + "quantity, unit_price, currency, city, event_ts)";

    private SilverTransform() {
    }

    /**
     * Evaluated rows as the batch caches them: the raw {@code key} and {@code value} kept only on rows bound for the
     * quarantine, the one table that stores them. *Why:* raw bytes are most of a row; caching them for every row
     * made the cache several times larger, for the few percent that need them.
     */
    public static Dataset<Row> rawBytesOnlyWhereQuarantined(Dataset<Row> evaluated) {
        Column quarantined = expr("size(quarantine_reasons) > 0");
        return evaluated.withColumn("key", when(quarantined, col("key")))
                .withColumn("value", when(quarantined, col("value")));
    }

    public static Dataset<Row> quarantine(Dataset<Row> evaluated, Column now) {
        return evaluated.where("size(quarantine_reasons) > 0").selectExpr(
                "key", "value", "topic", "`partition`", "`offset`", "kafka_timestamp", "format",
                "quarantine_reasons AS reasons",
                "quarantine_reasons[0] AS primary_reason",
                "coalesce(parse_error, concat_ws('; ',"
                        + " CASE WHEN size(missing_fields) > 0 THEN concat('missing: ', array_join(missing_fields, ', ')) END,"
                        + " CASE WHEN size(wrong_type_fields) > 0 THEN concat('wrong type: ', array_join(wrong_type_fields, ', ')) END"
                        + ")) AS error_detail")
                .withColumn("quarantined_at", now);
    }

    /** Valid rows, typed as Silver stores them. */
    public static Dataset<Row> valid(Dataset<Row> evaluated, Column now) {
        return evaluated.where("size(quarantine_reasons) = 0").selectExpr(
                "event_id", "order_id", "customer_id", "product_code", "product_name", "quantity",
                "CAST(unit_price AS DECIMAL(18,2)) AS unit_price",
                "CAST(quantity * unit_price AS DECIMAL(18,2)) AS total_amount",
                "currency", "city", "event_ts", EVENT_DATE_SQL + " AS event_date",
                "topic", "`partition`", "`offset`", "kafka_timestamp", "format", "warnings")
                .withColumn("processed_at", now)
                .withColumn("event_key", expr(EVENT_KEY_SQL))
                .withColumn("payload_hash", expr(PAYLOAD_HASH_SQL));
    }

    /**
     * Silver's lookup columns, every date: {@code event_key, event_id, topic, partition, offset, payload_hash}.
     * Rows written before Silver stored the two hashes have them computed on read, in a branch of their own whose
     * filter ({@code event_key IS NULL}) lets Delta skip, by the column's null count, every file written since; only
     * a lake upgraded in place pays for it, and only for its older files.
     */
    public static Dataset<Row> existingKeys(Dataset<Row> silverOrders) {
        Dataset<Row> stored = silverOrders.where("event_key IS NOT NULL")
                .select("event_key", "event_id", "topic", "partition", "offset", "payload_hash");
        Dataset<Row> legacy = silverOrders.where("event_key IS NULL").selectExpr(EVENT_KEY_SQL + " AS event_key",
                "event_id", "topic", "`partition`", "`offset`", PAYLOAD_HASH_SQL + " AS payload_hash");
        return stored.unionByName(legacy);
    }

    /**
     * The valid rows that are duplicates, narrow: {@code event_id, topic, partition, offset, kafka_timestamp}, the
     * provenance of the row Silver keeps for the event ({@code original_topic}, {@code original_partition},
     * {@code original_offset}) and {@code conflicting} (the copy's payload differs from that row's). A row is a
     * duplicate when Silver already holds its {@code event_id} from another Kafka record (whatever that record's
     * event time), or, Silver holding none, when an earlier copy (by provenance) is in the batch. A row that finds
     * itself in Silver (a replayed batch) is the original.
     *
     * <p>*Why narrow:* ranking copies needs the rows of each {@code event_id} together, a shuffle and a sort; on the
     * columns that decide it, the result is a few percent of the rows, and Silver's rows are the valid ones minus
     * these (an anti-join against a small table). *Why the lookup joins on {@code event_key} first:* it reads every
     * Silver row, so its cost grows with the table; a join on a 64-bit key took less than half the time of the same
     * join on the {@code event_id} string over a 10 M-row table. The few rows it matches are then joined on the
     * {@code event_id}, so a hash collision can never make an order a duplicate.
     *
     * @param valid    {@link #valid}'s rows
     * @param existing {@link #existingKeys} of Silver
     */
    public static Dataset<Row> duplicateCopies(Dataset<Row> valid, Dataset<Row> existing) {
        Dataset<Row> keys = valid.select("event_id", "event_key", "topic", "partition", "offset", "kafka_timestamp",
                "payload_hash");
        WindowSpec byEvent = Window.partitionBy("event_id").orderBy("topic", "partition", "offset");
        Dataset<Row> ranked = keys
                .withColumn("_rank", row_number().over(byEvent))
                .withColumn("_first_topic", first("topic").over(byEvent))
                .withColumn("_first_partition", first("partition").over(byEvent))
                .withColumn("_first_offset", first("offset").over(byEvent))
                .withColumn("_first_payload", first("payload_hash").over(byEvent));
        // Silver's row of each of the batch's events, whatever its date (the lowest provenance, should an older
        // version of this job have kept two): matched on the key, then confirmed on the id by the join below
        Dataset<Row> known = existing
                .join(keys.select("event_key").distinct(), ScalaSeqs.of("event_key"), "left_semi")
                .groupBy("event_id")
                .agg(min(struct(col("topic"), col("partition"), col("offset"), col("payload_hash"))).alias("_e"))
                .selectExpr("event_id AS _e_id", "_e.topic AS _e_topic", "_e.`partition` AS _e_partition",
                        "_e.`offset` AS _e_offset", "_e.payload_hash AS _e_payload");
        Dataset<Row> joined = ranked.join(known, col("event_id").equalTo(col("_e_id")), "left");
        // a row is a duplicate when Silver holds another copy, or (Silver holding none) an earlier one is in the
        // batch; every duplicate names the row Silver keeps: Silver's own, else the batch's first copy
        return joined
                .where("(_e_id IS NOT NULL AND NOT (_e_topic <=> topic AND _e_partition <=> `partition`"
                        + " AND _e_offset <=> `offset`)) OR (_e_id IS NULL AND _rank > 1)")
                .selectExpr("event_id", "topic", "`partition`", "`offset`", "kafka_timestamp",
                        "CASE WHEN _e_id IS NOT NULL THEN _e_topic ELSE _first_topic END AS original_topic",
                        "CASE WHEN _e_id IS NOT NULL THEN _e_partition ELSE _first_partition END "
                                + "AS original_partition",
                        "CASE WHEN _e_id IS NOT NULL THEN _e_offset ELSE _first_offset END AS original_offset",
                        "NOT (payload_hash <=> CASE WHEN _e_id IS NOT NULL THEN _e_payload ELSE _first_payload END) "
                                + "AS conflicting");
    }

    /** Valid rows that are not duplicates: Silver's rows. */
    public static Dataset<Row> originals(Dataset<Row> valid, Dataset<Row> duplicateCopies) {
        // a join on named columns puts them first; Silver keeps the valid rows' column order
        return valid.join(duplicateCopies.select("topic", "partition", "offset"),
                        ScalaSeqs.of("topic", "partition", "offset"), "left_anti")
                .select(java.util.Arrays.stream(valid.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    }

    /** The duplicates table's rows: {@link #duplicateCopies} already has its columns, in its order. */
    public static Dataset<Row> duplicates(Dataset<Row> duplicateCopies, Column now) {
        return duplicateCopies.withColumn("detected_at", now);
    }
}
