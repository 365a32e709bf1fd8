package org.lakehouse.jobs.core;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Creates a job's output tables up front with their declared schema, so readers never meet a missing table. */
public final class DeltaTables {
    private DeltaTables() {
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
