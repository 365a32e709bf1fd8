package org.lakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
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
 * <p>Deduplication: the original of an {@code event_id} is its copy with the lowest (topic, partition, offset).
 * Copies share the key, hence the partition, and come after it. A batch's first copy is checked against Silver,
 * read only in the {@code event_date} partitions the batch touches (a copy has its original's event time), so the
 * cost is bounded by the dates a batch touches, not by the table's size, and no late row is ever dropped: a row
 * is only a duplicate when another Kafka record with its event_id is already in Silver. A row that finds itself
 * in Silver (same provenance: a replayed batch) is an original again, so a replay classifies exactly as the first
 * attempt did.
 */
public final class SilverTransform {
    /** SQL for a row's {@code event_date}, Silver's partition column: the UTC date of {@code event_ts}. */
    public static final String EVENT_DATE_SQL = UtcTime.daySql("event_ts");

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
                .withColumn("processed_at", now);
    }

    /**
     * The valid rows that are duplicates, narrow: {@code event_id, topic, partition, offset, kafka_timestamp} and the
     * provenance of the row Silver keeps for the event ({@code original_topic}, {@code original_partition},
     * {@code original_offset}). A row is a duplicate when Silver already holds its {@code event_id} from another
     * Kafka record (whatever that record's event time), or, Silver holding none, when an earlier copy (by provenance)
     * is in the batch. A row that finds itself in Silver (a replayed batch) is the original.
     *
     * <p>*Why narrow:* ranking copies needs the rows of each {@code event_id} together, a shuffle and a sort. Done on
     * the whole valid row (about twenty columns) it was a fifth of a 1 M-row batch; on the five columns that decide
     * it, the result is a few percent of the rows, and Silver's rows are the valid ones minus these (an anti-join
     * against a small table).
     *
     * @param existing Silver's {@code event_id, topic, partition, offset}, every date
     */
    public static Dataset<Row> duplicateCopies(Dataset<Row> valid, Dataset<Row> existing) {
        Dataset<Row> keys = valid.select("event_id", "topic", "partition", "offset", "kafka_timestamp");
        WindowSpec byEvent = Window.partitionBy("event_id").orderBy("topic", "partition", "offset");
        Dataset<Row> ranked = keys
                .withColumn("_rank", row_number().over(byEvent))
                .withColumn("_first_topic", first("topic").over(byEvent))
                .withColumn("_first_partition", first("partition").over(byEvent))
                .withColumn("_first_offset", first("offset").over(byEvent));
        // Silver's row of each of the batch's events, whatever its date (the lowest provenance, should an older
        // version of this job have kept two)
        Dataset<Row> known = existing
                .join(keys.select("event_id").distinct(), ScalaSeqs.of("event_id"), "left_semi")
                .groupBy("event_id")
                .agg(min(struct(col("topic"), col("partition"), col("offset"))).alias("_e"))
                .selectExpr("event_id AS _e_id", "_e.topic AS _e_topic", "_e.`partition` AS _e_partition",
                        "_e.`offset` AS _e_offset");
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
                        "CASE WHEN _e_id IS NOT NULL THEN _e_offset ELSE _first_offset END AS original_offset");
    }

    /** Valid rows that are not duplicates: Silver's rows. */
    public static Dataset<Row> originals(Dataset<Row> valid, Dataset<Row> duplicateCopies) {
        // a join on named columns puts them first; Silver keeps the valid rows' column order
        return valid.join(duplicateCopies.select("topic", "partition", "offset"),
                        ScalaSeqs.of("topic", "partition", "offset"), "left_anti")
                .select(java.util.Arrays.stream(valid.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    }

    /**
     * The duplicates table's rows: {@link #duplicateCopies}' columns, in their order, then {@code conflicting} and
     * {@code detected_at}. {@code conflicting} is a placeholder, {@code false}, until the copies carry whether their
     * payload differs from their original's.
     */
    public static Dataset<Row> duplicates(Dataset<Row> duplicateCopies, Column now) {
        return duplicateCopies.withColumn("conflicting", lit(false)).withColumn("detected_at", now);
    }
}
