package org.lakehouse.jobs.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldAggregations;

/**
 * Reconcile's own Gold SQL and the Gold job's aggregation code are two implementations of one definition: on rows
 * at hour and day boundaries (and before 1970) they agree, and a Gold that differs from Silver is caught.
 */
class GoldRecomputedTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    private Dataset<Row> silver() {
        String ddl = "city STRING, product_code STRING, product_name STRING, quantity INT, unit_price DECIMAL(18,2), "
                + "total_amount DECIMAL(18,2), event_ts TIMESTAMP, kafka_timestamp TIMESTAMP";
        return spark.createDataFrame(List.of(
                row("Berlin", "P-1", 2, "9.99", "2026-12-06 23:59:59.999999"),
                row("Berlin", "P-1", 1, "0.01", "2026-12-07 00:00:00"),
                row("Paris", "P-2", 3, "100.10", "2026-12-07 00:30:00"),
                row("Paris", "P-1", 7, "1.25", "1969-12-31 23:00:01")), StructType.fromDDL(ddl));
    }

    private static Row row(String city, String product, int quantity, String price, String ts) {
        BigDecimal p = new BigDecimal(price);
        Timestamp t = Timestamp.valueOf(ts);
        return RowFactory.create(city, product, product + " name", quantity, p, p.multiply(BigDecimal.valueOf(quantity)),
                t, t);
    }

    private static long difference(Dataset<Row> a, Dataset<Row> b) {
        return a.exceptAll(b).count() + b.exceptAll(a).count();
    }

    @Test
    void agreesWithTheGoldJobsCodeAtBoundaries() {
        GoldRecomputed recomputed = new GoldRecomputed(spark);
        Dataset<Row> silver = silver();
        assertThat(difference(recomputed.revenueByCityHour(silver),
                GoldAggregations.revenueByCityHour(silver).select("city", "hour_start", "revenue", "units", "orders")))
                .as("revenue by city and hour, two implementations").isZero();
        assertThat(difference(recomputed.revenueByProductDay(silver), GoldAggregations.revenueByProductDay(silver)))
                .as("revenue by product and day, two implementations").isZero();
        assertThat(recomputed.revenueByCityHour(silver).count()).as("four hours (one before 1970)").isEqualTo(4);
    }

    @Test
    void aGoldThatDiffersFromSilverIsCaught() {
        GoldRecomputed recomputed = new GoldRecomputed(spark);
        Dataset<Row> gold = GoldAggregations.revenueByCityHour(silver())
                .select("city", "hour_start", "revenue", "units", "orders")
                .selectExpr("city", "hour_start", "CAST(revenue * 2 AS DECIMAL(18,2)) AS revenue", "units", "orders");
        assertThat(difference(recomputed.revenueByCityHour(silver()), gold)).as("a doubled Gold").isPositive();
    }
}
