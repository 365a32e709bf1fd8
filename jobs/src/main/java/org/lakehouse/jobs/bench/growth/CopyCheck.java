package org.lakehouse.jobs.bench.growth;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ScalaSeqs;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;

/**
 * The dedupe guarantee, checked on the history lake after a round (not timed): every copy of a history event is in
 * {@code silver.orders_duplicates} naming its original's provenance, {@code silver.orders} holds no event id twice,
 * and Gold equals Gold recomputed from Silver ({@link Reconciler#gold()}).
 */
final class CopyCheck {
    /** Missing copies described one by one, at most this many (each description is a query). */
    static final int DESCRIBED = 5;
    private static final String[] COLUMNS = {"event_id", "topic", "partition", "offset", "original_topic",
        "original_partition", "original_offset"};
    private static final StructType EXPECTED = StructType.fromDDL("event_id STRING, topic STRING, partition INT, "
            + "offset BIGINT, original_topic STRING, original_partition INT, original_offset BIGINT");

    private final SparkSession spark;
    private final LakePaths lake;

    CopyCheck(SparkSession spark, LakePaths lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /** What is wrong with the lake after a round that sent {@code copies}; empty when nothing is. */
    List<String> problems(List<HistoryCopies.Sent> copies) {
        List<String> problems = new ArrayList<>();
        List<Row> expected = copies.stream().map(s -> RowFactory.create(s.copy().original().eventId(), s.topic(),
                s.copy().partition(), s.offset(), s.copy().original().topic(), s.copy().original().partition(),
                s.copy().original().offset())).toList();
        Dataset<Row> duplicates = table(LakeTable.SILVER_DUPLICATES)
                .select(COLUMNS[0], Arrays.copyOfRange(COLUMNS, 1, COLUMNS.length));
        List<Row> missing = spark.createDataFrame(expected, EXPECTED)
                .join(duplicates, ScalaSeqs.of(COLUMNS), "left_anti").collectAsList();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + copies.size() + " copies of history events are not in "
                    + "silver.orders_duplicates naming their original");
            missing.stream().limit(DESCRIBED).forEach(r -> problems.add("  " + describe(r)));
        }
        List<Row> twice = table(LakeTable.SILVER_ORDERS).groupBy("event_id").count().where("count > 1")
                .limit(DESCRIBED).collectAsList();
        if (!twice.isEmpty()) {
            problems.add("silver.orders holds event ids more than once, e.g. "
                    + twice.stream().map(r -> r.getString(0) + " (" + r.getLong(1) + " rows)").toList());
        }
        ReconcileReport gold = new Reconciler(spark, lake).gold();
        problems.addAll(gold.differences());
        return problems;
    }

    /** Where a copy that is not a named duplicate went instead. */
    private String describe(Row copy) {
        String eventId = copy.getString(0);
        String at = copy.getString(1) + "-" + copy.getInt(2) + "@" + copy.getLong(3);
        String original = copy.getString(4) + "-" + copy.getInt(5) + "@" + copy.getLong(6);
        String where = "event " + eventId + ", copy " + at + ", original " + original + ": ";
        if (!provenance(LakeTable.SILVER_ORDERS, copy).isEmpty()) {
            return where + "kept in silver.orders as a second row of its event";
        }
        List<Row> named = provenance(LakeTable.SILVER_DUPLICATES, copy);
        if (!named.isEmpty()) {
            Row d = named.get(0);
            return where + "a duplicate naming " + d.getAs("original_topic") + "-" + d.getAs("original_partition")
                    + "@" + d.getAs("original_offset") + " instead";
        }
        if (!provenance(LakeTable.SILVER_QUARANTINE, copy).isEmpty()) {
            return where + "quarantined";
        }
        return where + "in none of Silver's tables";
    }

    private List<Row> provenance(LakeTable table, Row copy) {
        return table(table).where(col("topic").equalTo(copy.getString(1))
                .and(col("partition").equalTo(copy.getInt(2))).and(col("offset").equalTo(copy.getLong(3))))
                .limit(1).collectAsList();
    }

    private Dataset<Row> table(LakeTable table) {
        return spark.read().format("delta").load(lake.uri(table));
    }
}
