package org.lakehouse.runner.bench.freshness;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ScalaSeqs;

/**
 * Every valid order's row facts, read with Spark: its Kafka timestamp from {@code silver.orders}, and the versions
 * that added its Silver row and its Bronze row (joined by Kafka provenance), found by the file each row lives in
 * ({@code _metadata.file_name}) among the files each commit added.
 */
final class OrderRows {
    private static final StructType FILE_VERSIONS = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("version", DataTypes.LongType, false);

    private OrderRows() {
    }

    /**
     * @param sendOffsetMs added to each Kafka timestamp to give the send time (see {@link FreshnessBenchmark})
     */
    static List<FreshnessFacts.Order> read(SparkSession spark, LakePaths lake, DeltaCommitLog.Table bronze,
            DeltaCommitLog.Table silver, long sendOffsetMs) {
        Dataset<Row> silverRows = spark.read().format("delta").load(lake.uri(LakeTable.SILVER_ORDERS))
                .select(col("topic"), col("partition"), col("offset"), col("kafka_timestamp"),
                        col("_metadata.file_name").as("silver_file"));
        Dataset<Row> bronzeRows = spark.read().format("delta").load(lake.uri(LakeTable.BRONZE_ORDERS_RAW))
                .select(col("topic"), col("partition"), col("offset"), col("_metadata.file_name").as("bronze_file"));
        Dataset<Row> facts = silverRows
                .join(bronzeRows, ScalaSeqs.of("topic", "partition", "offset"), "left")
                .join(broadcast(versions(spark, silver, "silver")), col("silver_file").equalTo(col("silver_f")),
                        "left")
                .join(broadcast(versions(spark, bronze, "bronze")), col("bronze_file").equalTo(col("bronze_f")),
                        "left")
                .select(expr("unix_millis(kafka_timestamp)"),
                        coalesce(col("bronze_v"), lit(-1L)), coalesce(col("silver_v"), lit(-1L)));
        List<Row> rows = facts.collectAsList();
        List<FreshnessFacts.Order> orders = new ArrayList<>(rows.size());
        for (Row r : rows) {
            orders.add(new FreshnessFacts.Order(r.getLong(0) + sendOffsetMs, r.getLong(1), r.getLong(2)));
        }
        return orders;
    }

    /** Which version added each data file of {@code table}, as a small table {@code <prefix>_f, <prefix>_v}. */
    private static Dataset<Row> versions(SparkSession spark, DeltaCommitLog.Table table, String prefix) {
        List<Row> rows = new ArrayList<>();
        for (DeltaCommitLog.Commit c : table.commits()) {
            c.addedFiles().forEach(f -> rows.add(RowFactory.create(f, c.version())));
        }
        return spark.createDataFrame(rows, FILE_VERSIONS).toDF(prefix + "_f", prefix + "_v");
    }
}
