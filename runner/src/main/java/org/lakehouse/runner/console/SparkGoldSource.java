package org.lakehouse.runner.console;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;

/**
 * Reads Gold through Spark: in a runner with the in-process launcher this is the jobs' own warm session (the JVM's
 * default session); otherwise the first read builds a local one with the same settings. Reads run
 * in their own FAIR pool, {@code console}, so a page never queues behind a job's batch. Thread-safe.
 */
final class SparkGoldSource implements GoldSource {
    static final String POOL = "console";

    @Override
    public List<Map<String, Object>> read(LakeTable table, String uri, long version, int limit) {
        SparkSession spark = session();
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", POOL);
        try {
            Dataset<Row> df = spark.read().format("delta").option("versionAsOf", version).load(uri);
            List<Row> rows = df.select(columns(table, df.columns())).orderBy(order(table)).limit(limit + 1)
                    .collectAsList();
            List<Map<String, Object>> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(plain(r));
            }
            return out;
        } finally {
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }

    /** The session the JVM has (the launcher's), else one built with the launcher's settings. */
    private static SparkSession session() {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        return running.isDefined() ? running.get()
                : SparkSessions.getOrCreate("lakehouse-runner", Map.of("spark.scheduler.mode", "FAIR"));
    }

    /**
     * The columns the console shows. {@code conflicting_duplicates} reads as 0 where an earlier version wrote the
     * hour (NULL, or no such column before Gold's first run of this version): the duplicates counted then were all
     * written before Silver marked conflicting copies, and those count as not conflicting.
     */
    private static Column[] columns(LakeTable table, String[] present) {
        return switch (table) {
            case GOLD_REVENUE_BY_CITY_HOUR -> cols("city", "hour_start", "revenue", "units", "orders");
            case GOLD_REVENUE_BY_PRODUCT_DAY -> cols("product", "product_name", "day", "revenue", "units", "orders");
            case GOLD_QUALITY_BY_HOUR -> {
                Column[] c = Arrays.copyOf(cols("hour_start", "bronze_rows", "silver_rows", "quarantined_rows",
                        "quarantined_by_rule", "duplicates"), 7);
                c[6] = (Arrays.asList(present).contains("conflicting_duplicates")
                        ? coalesce(col("conflicting_duplicates"), lit(0L)) : lit(0L)).as("conflicting_duplicates");
                yield c;
            }
            default -> throw new IllegalArgumentException(table + " is not a Gold table the console shows");
        };
    }

    private static Column[] order(LakeTable table) {
        return switch (table) {
            case GOLD_REVENUE_BY_CITY_HOUR -> new Column[] {col("hour_start").desc(), col("city")};
            case GOLD_REVENUE_BY_PRODUCT_DAY -> new Column[] {col("day").desc(), col("product")};
            case GOLD_QUALITY_BY_HOUR -> new Column[] {col("hour_start").desc()};
            default -> throw new IllegalArgumentException(table + " is not a Gold table the console shows");
        };
    }

    private static Column[] cols(String... names) {
        Column[] c = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = col(names[i]);
        }
        return c;
    }

    private static Map<String, Object> plain(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        StructField[] fields = r.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            Object v = r.isNullAt(i) ? null : r.get(i);
            if (v instanceof scala.collection.Map<?, ?>) {
                v = new TreeMap<>(r.getJavaMap(i));
            } else if (v instanceof java.sql.Timestamp t) {
                v = t.toInstant().toString();
            } else if (v instanceof java.time.Instant t) {
                v = t.toString();
            } else if (v instanceof java.sql.Date d) {
                v = d.toLocalDate().toString();
            } else if (v instanceof java.time.LocalDate d) {
                v = d.toString();
            }
            m.put(fields[i].name(), v);
        }
        return m;
    }
}
