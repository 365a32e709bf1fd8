package org.lakehouse.jobs.core;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a job's output tables up front with their declared schema, so readers never meet a missing table, and
 * brings the schema of a table an earlier version created up to date: a declared column the table lacks is added
 * in place (a metadata-only commit; the rows written before read it as NULL), and a column whose type differs from
 * the declared one is refused.
 */
public final class DeltaTables {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);

    private DeltaTables() {
    }

    /** The table properties that limit Delta's file statistics to {@code columns} (comma-separated). */
    public static Map<String, String> statsColumns(String columns) {
        return Map.of("delta.dataSkippingStatsColumns", columns);
    }

    /** True when the table exists and holds at least one data file (read from its log, no data scanned). */
    public static boolean hasData(SparkSession spark, LakePaths paths, LakeTable table) {
        return paths.exists(table) && detail(spark, paths, table).files() > 0;
    }

    /**
     * What an existing table's log says about it, without scanning data.
     *
     * @param files its data files
     * @param properties its table properties
     */
    public record Detail(long files, Map<String, String> properties) {
        public Detail {
            properties = Map.copyOf(properties);
        }
    }

    /** The table's {@link Detail}, in one look at its log. */
    public static Detail detail(SparkSession spark, LakePaths paths, LakeTable table) {
        Row r = DeltaTable.forPath(spark, paths.uri(table)).detail().select("numFiles", "properties").first();
        return new Detail(r.getLong(0), r.isNullAt(1) ? Map.of() : r.<String, String>getJavaMap(1));
    }

    /** Sets one table property: a metadata-only commit. */
    public static void setProperty(SparkSession spark, LakePaths paths, LakeTable table, String key, String value) {
        spark.sql("ALTER TABLE delta." + quote(paths.uri(table)) + " SET TBLPROPERTIES (" + literal(key) + " = "
                + literal(value) + ")");
    }

    /**
     * Creates the table when it is missing; brings an existing one's columns up to {@code ddl}
     * ({@link #addMissingColumns}).
     *
     * @return true when the table was created now (so it is empty), false when it existed
     */
    public static boolean ensure(SparkSession spark, LakePaths paths, LakeTable table, String ddl,
            String... partitionColumns) {
        return ensure(spark, paths, table, ddl, Map.of(), partitionColumns);
    }

    /** As {@link #ensure(SparkSession, LakePaths, LakeTable, String, String...)}, with table properties. */
    public static boolean ensure(SparkSession spark, LakePaths paths, LakeTable table, String ddl,
            Map<String, String> properties, String... partitionColumns) {
        if (paths.exists(table)) {
            addMissingColumns(spark, paths, table, StructType.fromDDL(ddl));
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

    /**
     * Adds the columns of {@code declared} that the existing table lacks, each at its declared place (after the
     * declared column before it), so an upgraded table and a new one list their columns alike. One
     * {@code ALTER TABLE ... ADD COLUMNS} commit: no file is rewritten, rows written before read the new columns as
     * NULL, and the table keeps its protocol (no table feature is needed). Columns the table has beyond the
     * declared ones are left alone. Names match case-insensitively, as Spark resolves them.
     *
     * <p>*Why refuse a changed type rather than convert it:* changing a Delta column's type rewrites every file
     * (or needs the type-widening table feature, which other readers of the lake may not support), and a
     * narrowing conversion can lose values; rebuilding the table from its source is the job's own, exact, way.
     *
     * @throws JobException when an existing column's type is not the declared one
     * @return the columns added, in declared order
     */
    public static List<String> addMissingColumns(SparkSession spark, LakePaths paths, LakeTable table,
            StructType declared) {
        StructType existing = DeltaTable.forPath(spark, paths.uri(table)).toDF().schema();
        Map<String, StructField> byName = new HashMap<>();
        for (StructField f : existing.fields()) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        List<String> clauses = new ArrayList<>();
        List<String> added = new ArrayList<>();
        String previous = null;
        for (StructField want : declared.fields()) {
            StructField have = byName.get(want.name().toLowerCase(Locale.ROOT));
            if (have == null) {
                clauses.add(quote(want.name()) + " " + want.dataType().sql()
                        + (previous == null ? " FIRST" : " AFTER " + quote(previous)));
                added.add(want.name());
            } else if (!have.dataType().catalogString().equals(want.dataType().catalogString())) {
                throw JobErrors.incompatibleColumn(table, paths.uri(table), have.name(),
                        have.dataType().catalogString(), want.dataType().catalogString());
            }
            previous = want.name();
        }
        if (!added.isEmpty()) {
            spark.sql("ALTER TABLE delta." + quote(paths.uri(table)) + " ADD COLUMNS (" + String.join(", ", clauses)
                    + ")");
            LOG.info("Table {} had no column(s) {}: added (rows written before read them as NULL)",
                    table.qualifiedName(), added);
        }
        return added;
    }

    /** {@code text} as a SQL string literal. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code name} as a SQL identifier: in backticks, a backtick doubled. */
    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
