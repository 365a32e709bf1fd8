package org.lakehouse.jobs.core;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the lake's Delta tables in the session catalog ({@code bronze.orders_raw}, {@code silver.orders}, ...),
 * so SQL, time travel ({@code VERSION AS OF}) and the jobs name tables the same way. The tables are external: they
 * point at their folders, and dropping a registration never touches data.
 */
public final class LakeCatalog {
    private LakeCatalog() {
    }

    /** Registers every table that exists and forgets those that no longer do (after a reset). */
    public static void register(SparkSession spark, LakePaths paths) {
        Set<String> databases = new LinkedHashSet<>();
        Arrays.stream(LakeTable.values()).forEach(t -> databases.add(t.database()));
        // catalog lookups before any SQL: a warm runner registers before and after every run, and parsing and
        // analysing a statement costs tens of milliseconds where a lookup costs microseconds
        for (String db : databases) {
            if (!spark.sessionState().catalog().databaseExists(db)) {
                spark.sql("CREATE DATABASE IF NOT EXISTS " + db + " LOCATION '" + paths.dataDir().resolve(db) + "'");
            }
        }
        for (LakeTable table : LakeTable.values()) {
            // the session catalog's own lookup: it never loads the table, so a registration whose folder was
            // deleted (a reset in a long-lived session) cannot make it fail
            boolean registered = spark.sessionState().catalog().tableExists(identifier(table));
            if (paths.exists(table)) {
                if (registered && !location(spark, table).equals(paths.uri(table))) {
                    spark.sql("DROP TABLE IF EXISTS " + table.qualifiedName());
                    registered = false;
                }
                if (!registered) {
                    spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " USING delta LOCATION '"
                            + paths.uri(table) + "'");
                }
            } else if (registered) {
                spark.sql("DROP TABLE IF EXISTS " + table.qualifiedName());
            }
        }
    }

    private static org.apache.spark.sql.catalyst.TableIdentifier identifier(LakeTable table) {
        return new org.apache.spark.sql.catalyst.TableIdentifier(table.table(), scala.Option.apply(table.database()));
    }

    /** The registered location, from the catalog's metadata (no Delta snapshot is loaded). */
    private static String location(SparkSession spark, LakeTable table) {
        java.net.URI location;
        try {
            location = spark.sessionState().catalog().getTableMetadata(identifier(table)).location();
        } catch (Exception e) { // NoSuchTableException / NoSuchNamespaceException: treat as not registered here
            return "";
        }
        String path = location.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
