package org.lakehouse.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.SparkSessions;
import scala.jdk.javaapi.CollectionConverters;

/** {@link GoldAggregations#qualityByHour} on small tables: counts per UTC hour and per primary rule. */
class GoldAggregationsTest {
    /** Hour prefixes of ISO instants in UTC (the JVM's own time zone is whatever the machine has). */
    private static final String TEN = "2026-12-03T10:";
    private static final String ELEVEN = "2026-12-03T11:";
    private static final String TWELVE = "2026-12-03T12:";

    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void everyHourCountsItsRowsPerSourceAndItsQuarantinePerPrimaryRule() {
        Dataset<Row> bronze = times(TEN + "00:00", TEN + "15:00", TEN + "59:59", ELEVEN + "00:00", ELEVEN + "30:00");
        Dataset<Row> silver = times(TEN + "00:00", ELEVEN + "00:00");
        Dataset<Row> quarantine = rows("kafka_timestamp TIMESTAMP, primary_reason STRING", List.of(
                RowFactory.create(ts(TEN + "15:00"), "missing_fields"),
                RowFactory.create(ts(TEN + "59:59"), "bad_quantity")));
        Dataset<Row> duplicates = times(ELEVEN + "30:00");

        Map<String, String> hours = describe(GoldAggregations.qualityByHour(bronze, silver, quarantine, duplicates));

        assertThat(hours).containsExactly(
                Map.entry("2026-12-03T10:00:00Z",
                        "3 bronze, 1 silver, 2 quarantined {bad_quantity=1, missing_fields=1}, 0 duplicates"),
                Map.entry("2026-12-03T11:00:00Z", "2 bronze, 1 silver, 0 quarantined {}, 1 duplicates"));
    }

    /** What Gold does: each table's counts collected on their own, then combined. */
    @Test
    void collectedCountsCombineToTheSameRowsAsTheTables() {
        Dataset<Row> bronze = times(TEN + "00:00", TEN + "59:59", ELEVEN + "00:00", TWELVE + "00:00");
        Dataset<Row> silver = times(TEN + "00:00");
        Dataset<Row> quarantine = rows("kafka_timestamp TIMESTAMP, primary_reason STRING", List.of(
                RowFactory.create(ts(TEN + "59:59"), "bad_quantity"),
                RowFactory.create(ts(TWELVE + "00:00"), "bad_quantity"),
                RowFactory.create(ts(TWELVE + "00:01"), "missing_fields")));
        Dataset<Row> duplicates = times(ELEVEN + "00:00");

        Dataset<Row> combined = GoldAggregations.qualityFrom(collected(GoldAggregations.rowsPerHour(bronze)),
                collected(GoldAggregations.rowsPerHour(silver)),
                collected(GoldAggregations.quarantinedPerHourAndRule(quarantine)),
                collected(GoldAggregations.rowsPerHour(duplicates)));

        assertThat(combined.schema()).isEqualTo(
                GoldAggregations.qualityByHour(bronze, silver, quarantine, duplicates).schema());
        assertThat(describe(combined)).containsExactly(
                Map.entry("2026-12-03T10:00:00Z",
                        "2 bronze, 1 silver, 1 quarantined {bad_quantity=1}, 0 duplicates"),
                Map.entry("2026-12-03T11:00:00Z", "1 bronze, 0 silver, 0 quarantined {}, 1 duplicates"),
                Map.entry("2026-12-03T12:00:00Z",
                        "1 bronze, 0 silver, 2 quarantined {bad_quantity=1, missing_fields=1}, 0 duplicates"))
                .isEqualTo(describe(GoldAggregations.qualityByHour(bronze, silver, quarantine, duplicates)));
    }

    @Test
    void eachTableIsScannedOnceTheQuarantineToo() {
        Dataset<Row> quarantine = rows("kafka_timestamp TIMESTAMP, primary_reason STRING", List.of(
                RowFactory.create(ts(TWELVE + "15:00"), "missing_fields")));
        // a different hour per table: Spark folds local rows into constants and would reuse equal scans
        Dataset<Row> quality = GoldAggregations.qualityByHour(
                times(TEN + "00:00", ELEVEN + "00:00", TWELVE + "15:00"), times(TEN + "00:00"), quarantine,
                times(ELEVEN + "00:00"));
        quality.collectAsList();

        String plan = quality.queryExecution().executedPlan().toString().split("== Initial Plan ==")[0];
        assertThat(plan.lines().filter(l -> l.contains("LocalTableScan")).count())
                .as("scans of the four (distinct) tables in%n%s", plan).isEqualTo(4);
    }

    /** Quality rows by hour, as text. */
    private static Map<String, String> describe(Dataset<Row> quality) {
        Map<String, String> hours = new TreeMap<>();
        for (Row r : quality.collectAsList()) {
            hours.put(r.getTimestamp(0).toInstant().toString(), r.getLong(1) + " bronze, " + r.getLong(2) + " silver, "
                    + r.getLong(3) + " quarantined " + new TreeMap<>(CollectionConverters.asJava(
                            r.<String, Long>getMap(4))) + ", " + r.getLong(5) + " duplicates");
        }
        return hours;
    }

    /** {@code rows} collected to the driver and back, as Gold hands its counts on. */
    private Dataset<Row> collected(Dataset<Row> rows) {
        return spark.createDataFrame(rows.collectAsList(), rows.schema());
    }

    private Dataset<Row> times(String... times) {
        return rows("kafka_timestamp TIMESTAMP",
                Arrays.stream(times).map(t -> RowFactory.create(ts(t))).toList());
    }

    /** {@code t} is an hour prefix plus minutes and seconds, in UTC. */
    private static Timestamp ts(String t) {
        return Timestamp.from(Instant.parse(t + "Z"));
    }

    private Dataset<Row> rows(String ddl, List<Row> rows) {
        return spark.createDataFrame(rows, StructType.fromDDL(ddl));
    }
}
