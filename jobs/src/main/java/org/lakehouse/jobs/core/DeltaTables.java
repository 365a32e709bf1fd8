package org.lakehouse.jobs.core;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Creates a job's output tables up front with their declared schema, so readers never meet a missing table. */
public final class DeltaTables {
    private DeltaTables() {
    }

    /** True when the table exists and holds at least one data file (read from its log, no data scanned). */
    public static boolean hasData(SparkSession spark, LakePaths paths, LakeTable table) {
        if (!paths.exists(table)) {
            return false;
        }
        return DeltaTable.forPath(spark, paths.uri(table)).detail().select("numFiles").first().getLong(0) > 0;
    }

    public static void ensure(SparkSession spark, LakePaths paths, LakeTable table, String ddl,
            String... partitionColumns) {
        if (paths.exists(table)) {
            return;
        }
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                .location(paths.uri(table))
                .addColumns(StructType.fromDDL(ddl));
        if (partitionColumns.length > 0) {
            builder = builder.partitionedBy(partitionColumns);
        }
        builder.execute();
    }
}
