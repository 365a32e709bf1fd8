package org.lakehouse.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;

/**
 * Which valid rows {@link SilverTransform#duplicateCopies} calls duplicates, of which original, and which conflict;
 * and {@link SilverTransform#existingKeys} for rows with and without the stored hashes.
 */
class SilverTransformTest {
    private static final Timestamp TS = Timestamp.valueOf("2026-12-02 10:00:00");

    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void laterCopiesInTheBatchAndCopiesOfSilverRowsAreDuplicatesAndAReplayedOriginalIsNot() {
        Dataset<Row> valid = valid(List.of(
                RowFactory.create("three-copies", "orders", 0, 9L, TS, "p"),
                RowFactory.create("three-copies", "orders", 0, 5L, TS, "p"),
                RowFactory.create("three-copies", "orders", 0, 7L, TS, "p"),
                RowFactory.create("late-copy", "orders", 1, 3L, TS, "p"),
                RowFactory.create("replayed", "orders", 2, 4L, TS, "p"),
                RowFactory.create("late-and-repeated", "orders", 0, 12L, TS, "p"),
                RowFactory.create("late-and-repeated", "orders", 0, 11L, TS, "p"),
                RowFactory.create("single", "orders", 1, 8L, TS, "p")));
        Dataset<Row> existing = existing(List.of(
                RowFactory.create("late-copy", "orders", 1, 1L, "p"),
                RowFactory.create("replayed", "orders", 2, 4L, "p"),
                RowFactory.create("late-and-repeated", "orders", 0, 2L, "p")));

        List<String> found = SilverTransform.duplicateCopies(valid, existing).collectAsList().stream()
                .map(r -> r.getString(0) + "@" + r.getLong(3) + " of " + r.getString(5) + "-" + r.getInt(6) + "@"
                        + r.getLong(7))
                .toList();

        assertThat(found).as("each duplicate once, with the provenance of its original").containsExactlyInAnyOrder(
                "three-copies@7 of orders-0@5",
                "three-copies@9 of orders-0@5",
                "late-copy@3 of orders-1@1",
                "late-and-repeated@11 of orders-0@2",
                "late-and-repeated@12 of orders-0@2");
    }

    @Test
    void aCopyIsADuplicateOfSilversRowWhateverItsEventTimeAndEveryDuplicateNamesThatRow() {
        // the same event_id again, days, months and partitions away from its original: only event_id decides
        Dataset<Row> valid = valid(List.of(
                RowFactory.create("moved-back", "orders", 3, 40L, TS, "p"),
                RowFactory.create("moved-back", "orders", 0, 41L, TS, "p"),
                RowFactory.create("moved-back", "orders", 1, 2L, TS, "p"),
                RowFactory.create("new-in-two-partitions", "orders", 2, 7L, TS, "p"),
                RowFactory.create("new-in-two-partitions", "orders", 1, 9L, TS, "p")));
        Dataset<Row> existing = existing(List.of(RowFactory.create("moved-back", "orders", 2, 100L, "p")));

        List<String> found = SilverTransform.duplicateCopies(valid, existing).collectAsList().stream()
                .map(r -> r.getString(0) + "@" + r.getInt(2) + "-" + r.getLong(3) + " of " + r.getInt(6) + "-"
                        + r.getLong(7))
                .toList();

        assertThat(found).as("every copy of an event Silver holds names Silver's row, even one with a lower "
                + "provenance; a new event's later copies name its first").containsExactlyInAnyOrder(
                "moved-back@3-40 of 2-100",
                "moved-back@0-41 of 2-100",
                "moved-back@1-2 of 2-100",
                "new-in-two-partitions@2-7 of 1-9");
    }

    @Test
    void aCopyWhosePayloadDiffersFromItsOriginalsIsConflicting() {
        Dataset<Row> valid = valid(List.of(
                RowFactory.create("same-as-silver", "orders", 0, 20L, TS, "a"),
                RowFactory.create("other-than-silver", "orders", 0, 21L, TS, "b"),
                RowFactory.create("in-batch", "orders", 1, 5L, TS, "x"),
                RowFactory.create("in-batch", "orders", 1, 6L, TS, "x"),
                RowFactory.create("in-batch", "orders", 1, 7L, TS, "y")));
        Dataset<Row> existing = existing(List.of(
                RowFactory.create("same-as-silver", "orders", 0, 1L, "a"),
                RowFactory.create("other-than-silver", "orders", 0, 2L, "a")));

        List<String> found = SilverTransform.duplicateCopies(valid, existing).collectAsList().stream()
                .map(r -> r.getString(0) + "@" + r.getLong(3) + (r.getBoolean(8) ? " conflicting" : " same"))
                .toList();

        assertThat(found).as("conflicting when the payload differs from the original's, Silver's or the batch's")
                .containsExactlyInAnyOrder("same-as-silver@20 same", "other-than-silver@21 conflicting",
                        "in-batch@6 same", "in-batch@7 conflicting");
    }

    @Test
    void aRowWhoseKeyMatchesAnotherEventsIsNotADuplicate() {
        Dataset<Row> valid = valid(List.of(RowFactory.create("event-a", "orders", 0, 9L, TS, "p")));
        // Silver holds another event under the same 64-bit key (a collision, forged): the id decides
        long keyOfA = spark.sql("SELECT xxhash64('event-a')").first().getLong(0);
        Dataset<Row> existing = spark.createDataFrame(List.of(RowFactory.create(keyOfA, "event-b", "orders", 0, 1L,
                        1L)),
                StructType.fromDDL("event_key BIGINT, event_id STRING, topic STRING, `partition` INT, "
                        + "`offset` BIGINT, payload_hash BIGINT"));

        assertThat(SilverTransform.duplicateCopies(valid, existing).count()).isZero();
    }

    @Test
    void silversRowsWrittenBeforeTheHashesExistedHaveThemComputedOnRead() {
        StructType silver = StructType.fromDDL(SilverTables.ORDERS);
        Row legacy = RowFactory.create("e-1", "o-1", "c-1", "P-1", "n", 2, new java.math.BigDecimal("1.50"),
                new java.math.BigDecimal("3.00"), "EUR", "Berlin", TS, java.sql.Date.valueOf("2026-12-02"), "orders",
                0, 4L, TS, "json", List.of(), TS, null, null);
        Dataset<Row> table = spark.createDataFrame(List.of(legacy), silver);
        Dataset<Row> withHashes = table.drop("event_key", "payload_hash")
                .withColumn("event_key", functions.expr(SilverTransform.EVENT_KEY_SQL))
                .withColumn("payload_hash", functions.expr(SilverTransform.PAYLOAD_HASH_SQL));

        Row computed = SilverTransform.existingKeys(table).first();
        Row stored = SilverTransform.existingKeys(withHashes).first();

        assertThat(computed.getLong(0)).isEqualTo(stored.getLong(0));
        assertThat(computed.getLong(5)).isEqualTo(stored.getLong(5));
        assertThat(SilverTransform.existingKeys(table.unionByName(withHashes)).count()).as("each row once")
                .isEqualTo(2);
    }

    /** Valid rows: provenance, Kafka time and a payload standing for the order's fields. */
    private Dataset<Row> valid(List<Row> rows) {
        return spark.createDataFrame(rows, StructType.fromDDL("event_id STRING, topic STRING, `partition` INT, "
                        + "`offset` BIGINT, kafka_timestamp TIMESTAMP, payload STRING"))
                .withColumn("event_key", functions.expr(SilverTransform.EVENT_KEY_SQL))
                .withColumn("payload_hash", functions.expr("xxhash64(payload)"));
    }

    /** Silver's lookup columns, as {@link SilverTransform#existingKeys} gives them. */
    private Dataset<Row> existing(List<Row> rows) {
        return spark.createDataFrame(rows, StructType.fromDDL("event_id STRING, topic STRING, `partition` INT, "
                        + "`offset` BIGINT, payload STRING"))
                .selectExpr(SilverTransform.EVENT_KEY_SQL + " AS event_key", "event_id", "topic", "`partition`",
                        "`offset`", "xxhash64(payload) AS payload_hash");
    }
}
