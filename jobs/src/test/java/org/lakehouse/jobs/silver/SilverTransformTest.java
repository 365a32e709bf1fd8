package org.lakehouse.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;

/** Which valid rows {@link SilverTransform#duplicateCopies} calls duplicates, and of which original. */
class SilverTransformTest {
    private static final Timestamp TS = Timestamp.valueOf("2026-12-02 10:00:00");

    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void laterCopiesInTheBatchAndCopiesOfSilverRowsAreDuplicatesAndAReplayedOriginalIsNot() {
        Dataset<Row> valid = rows("event_id STRING, topic STRING, `partition` INT, `offset` BIGINT, "
                + "kafka_timestamp TIMESTAMP", List.of(
                RowFactory.create("three-copies", "orders", 0, 9L, TS),
                RowFactory.create("three-copies", "orders", 0, 5L, TS),
                RowFactory.create("three-copies", "orders", 0, 7L, TS),
                RowFactory.create("late-copy", "orders", 1, 3L, TS),
                RowFactory.create("replayed", "orders", 2, 4L, TS),
                RowFactory.create("late-and-repeated", "orders", 0, 12L, TS),
                RowFactory.create("late-and-repeated", "orders", 0, 11L, TS),
                RowFactory.create("single", "orders", 1, 8L, TS)));
        Dataset<Row> existing = rows("event_id STRING, topic STRING, `partition` INT, `offset` BIGINT", List.of(
                RowFactory.create("late-copy", "orders", 1, 1L),
                RowFactory.create("replayed", "orders", 2, 4L),
                RowFactory.create("late-and-repeated", "orders", 0, 2L)));

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
        Dataset<Row> valid = rows("event_id STRING, topic STRING, `partition` INT, `offset` BIGINT, "
                + "kafka_timestamp TIMESTAMP", List.of(
                RowFactory.create("moved-back", "orders", 3, 40L, TS),
                RowFactory.create("moved-back", "orders", 0, 41L, TS),
                RowFactory.create("moved-back", "orders", 1, 2L, TS),
                RowFactory.create("new-in-two-partitions", "orders", 2, 7L, TS),
                RowFactory.create("new-in-two-partitions", "orders", 1, 9L, TS)));
        Dataset<Row> existing = rows("event_id STRING, topic STRING, `partition` INT, `offset` BIGINT", List.of(
                RowFactory.create("moved-back", "orders", 2, 100L)));

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

    private Dataset<Row> rows(String ddl, List<Row> rows) {
        return spark.createDataFrame(rows, StructType.fromDDL(ddl));
    }
}
