package org.lakehouse.jobs.reconcile;

import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gold as plain SQL over Silver (and Bronze), written apart from the Gold job's own aggregation code
 * ({@code gold.GoldAggregations}) so that reconcile can catch a bug there: no shared helper, the session's UTC
 * time functions ({@code date_trunc}, {@code to_date}) instead of the job's epoch arithmetic, and the revenue
 * summed from {@code quantity * unit_price} rather than Silver's {@code total_amount}.
 */
final class GoldRecomputed {
    private final SparkSession spark;
    private final String suffix = UUID.randomUUID().toString().replace("-", "");

    GoldRecomputed(SparkSession spark) {
        this.spark = spark;
    }

    Dataset<Row> revenueByCityHour(Dataset<Row> silver) {
        return sql("""
                SELECT city, date_trunc('HOUR', event_ts) AS hour_start,
                       CAST(sum(quantity * unit_price) AS DECIMAL(18,2)) AS revenue,
                       CAST(sum(quantity) AS BIGINT) AS units, count(*) AS orders
                FROM {silver} GROUP BY city, date_trunc('HOUR', event_ts)""", Map.of("silver", silver));
    }

    Dataset<Row> revenueByProductDay(Dataset<Row> silver) {
        return sql("""
                SELECT product_code AS product, max(product_name) AS product_name, to_date(event_ts) AS day,
                       CAST(sum(quantity * unit_price) AS DECIMAL(18,2)) AS revenue,
                       CAST(sum(quantity) AS BIGINT) AS units, count(*) AS orders
                FROM {silver} GROUP BY product_code, to_date(event_ts)""", Map.of("silver", silver));
    }

    /**
     * Per UTC hour of Kafka timestamp: Bronze rows and where they went. The quarantine counts rows, and rows per
     * failed rule (every rule in {@code reasons}, so a row failing two counts under both); the duplicates count rows,
     * and the rows whose {@code conflicting} is true (NULL, written before the column existed, is not).
     *
     * @param duplicates with a {@code conflicting} column
     */
    Dataset<Row> qualityByHour(Dataset<Row> bronze, Dataset<Row> silver, Dataset<Row> quarantine,
            Dataset<Row> duplicates) {
        return sql("""
                WITH landed AS (
                  SELECT date_trunc('HOUR', kafka_timestamp) AS hour_start, 'bronze' AS source, false AS conflicting
                  FROM {bronze}
                  UNION ALL SELECT date_trunc('HOUR', kafka_timestamp), 'silver', false FROM {silver}
                  UNION ALL SELECT date_trunc('HOUR', kafka_timestamp), 'quarantine', false FROM {quarantine}
                  UNION ALL SELECT date_trunc('HOUR', kafka_timestamp), 'duplicate', conflicting IS TRUE
                  FROM {duplicates}),
                counts AS (
                  SELECT hour_start,
                         count_if(source = 'bronze') AS bronze_rows, count_if(source = 'silver') AS silver_rows,
                         count_if(source = 'quarantine') AS quarantined_rows,
                         count_if(source = 'duplicate') AS duplicates,
                         count_if(conflicting) AS conflicting_duplicates
                  FROM landed GROUP BY hour_start),
                failed AS (
                  SELECT date_trunc('HOUR', q.kafka_timestamp) AS hour_start, rule
                  FROM {quarantine} q LATERAL VIEW explode(q.reasons) r AS rule),
                rules AS (
                  SELECT hour_start, map_from_entries(collect_list(struct(rule, n))) AS quarantined_by_rule
                  FROM (SELECT hour_start, rule, count(*) AS n FROM failed GROUP BY hour_start, rule)
                  GROUP BY hour_start)
                SELECT c.hour_start, c.bronze_rows, c.silver_rows, c.quarantined_rows,
                       coalesce(r.quarantined_by_rule, CAST(map() AS MAP<STRING, BIGINT>)) AS quarantined_by_rule,
                       c.duplicates, c.conflicting_duplicates
                FROM counts c LEFT JOIN rules r ON c.hour_start = r.hour_start""",
                Map.of("bronze", bronze, "silver", silver, "quarantine", quarantine, "duplicates", duplicates));
    }

    private Dataset<Row> sql(String text, Map<String, Dataset<Row>> tables) {
        String query = text;
        for (Map.Entry<String, Dataset<Row>> t : tables.entrySet()) {
            String view = "reconcile_" + t.getKey() + "_" + suffix;
            t.getValue().createOrReplaceTempView(view);
            query = query.replace("{" + t.getKey() + "}", view);
        }
        return spark.sql(query);
    }
}
