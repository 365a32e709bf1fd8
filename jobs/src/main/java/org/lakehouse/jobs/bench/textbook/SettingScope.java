package org.lakehouse.jobs.bench.textbook;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Where one of our session settings ({@code config/spark.properties}) takes effect, and so whether the textbook's
 * session can go back to Spark's default for it: only a {@link #SESSION} setting can; the others stay as ours in
 * every session of the JVM, the textbook's included.
 */
public enum SettingScope {
    /** A SQL, Delta, Parquet or Hadoop setting read from the session that runs the query: reset to the default. */
    SESSION,
    /** Delta's two settings from its own quick start ({@code spark.sql.extensions} and the session catalog): kept. */
    DELTA_SETUP,
    /** A static SQL setting, fixed when the JVM's first session started ({@code spark.sql.codegen.cache...}). */
    STATIC_SQL,
    /**
     * Read once, when the SparkContext started: the master, the driver's address, the UI, the default parallelism,
     * memory pages, the Hadoop file systems ({@code spark.hadoop.*}); a session's own value is ignored.
     */
    SPARK_CONTEXT;

    static final Set<String> DELTA_KEYS = Set.of("spark.sql.extensions", "spark.sql.catalog.spark_catalog");

    /** Whether the textbook's session can go back to Spark's default for a setting of this scope. */
    public boolean resettable() {
        return this == SESSION;
    }

    /**
     * @param key         a setting's name
     * @param isStaticSql Spark's own test for a static SQL setting ({@code SQLConf.isStaticConfigKey})
     */
    public static SettingScope of(String key, Predicate<String> isStaticSql) {
        if (DELTA_KEYS.contains(key)) {
            return DELTA_SETUP;
        }
        if (isStaticSql.test(key)) {
            return STATIC_SQL;
        }
        if (key.startsWith("spark.sql.") || key.startsWith("spark.databricks.") || !key.startsWith("spark.")) {
            return SESSION;
        }
        return SPARK_CONTEXT;
    }
}
