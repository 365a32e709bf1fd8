package org.lakehouse.jobs.core;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Creates a job's output tables up front with their declared schema, so readers never meet a missing table. */
public final class DeltaTables {
    private DeltaTables() {
    }

    /** The table properties that limit Delta's file statistics to {@code columns} (comma-separated). */
    public static Map<String, String> statsColumns(String columns) {
        return Map.of("delta.dataSkippingStatsColumns", columns);
    }

    /** True when the table exists and holds at least one data file (read from its log, no data scanned). */
    public static boolean hasData(SparkSession spark, LakePaths paths, LakeTable table) {
        if (!paths.exists(table)) {
            return false;
        }
        return DeltaTable.forPath(spark, paths.uri(table)).detail().select("numFiles").first().getLong(0) > 0;
    }

    /** @return true when the table was created now (so it is empty), false when it existed */
    public static boolean ensure(SparkSession spark, LakePaths paths, LakeTable table, String ddl,
            String... partitionColumns) {
        return ensure(spark, paths, table, ddl, Map.of(), partitionColumns);
    }

    /** As {@link #ensure(SparkSession, LakePaths, LakeTable, String, String...)}, with table properties. */
    public static boolean ensure(SparkSession spark, LakePaths paths, LakeTable table, String ddl,
            Map<String, String> properties, String... partitionColumns) {
        if (paths.exists(table)) {
            return false;
        }
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                .location(paths.uri(table))
                .addColumns(StructType.fromDDL(ddl));
        for (Map.Entry<String, String> p : properties.entrySet()) {
            builder = builder.property(p.getKey(), p.getValue());
        }
        if (partitionColumns.length > 0) {
            builder = builder.partitionedBy(partitionColumns);
        }
        builder.execute();
        return true;
    }
}
