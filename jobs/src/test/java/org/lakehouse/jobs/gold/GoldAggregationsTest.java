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

/**
 * {@link GoldAggregations#qualityByHour} on small tables: counts per UTC hour, the quarantine per failed rule and the
 * conflicting duplicates.
 */
class GoldAggregationsTest {
    /** Hour prefixes of ISO instants in UTC (the JVM's own time zone is whatever the machine has). */
    private static final String TEN = "2026-12-03T10:";
    private static final String ELEVEN = "2026-12-03T11:";
    private static final String TWELVE = "2026-12-03T12:";
    private static final String QUARANTINE = "kafka_timestamp TIMESTAMP, reasons ARRAY<STRING>, primary_reason STRING";
    private static final String DUPLICATES = "kafka_timestamp TIMESTAMP, conflicting BOOLEAN";

    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void everyHourCountsItsRowsPerSourceItsQuarantinePerFailedRuleAndItsConflictingDuplicates() {
        Dataset<Row> bronze = times(TEN + "00:00", TEN + "15:00", TEN + "59:59", ELEVEN + "00:00", ELEVEN + "30:00",
                ELEVEN + "40:00", ELEVEN + "50:00");
        Dataset<Row> silver = times(TEN + "00:00", ELEVEN + "00:00");
        Dataset<Row> quarantine = rows(QUARANTINE, List.of(
                quarantined(TEN + "15:00", "missing_fields", "non_positive_quantity"),
                quarantined(TEN + "59:59", "non_positive_quantity")));
        Dataset<Row> duplicates = rows(DUPLICATES, List.of(
                RowFactory.create(ts(ELEVEN + "30:00"), true),
                RowFactory.create(ts(ELEVEN + "40:00"), false),
                RowFactory.create(ts(ELEVEN + "50:00"), null)));

        Map<String, String> hours = describe(GoldAggregations.qualityByHour(bronze, silver, quarantine, duplicates));

        assertThat(hours).as("a row failing two rules counts under both, and once in quarantined_rows; a duplicate "
                + "whose conflicting is NULL (written before the column) is not conflicting").containsExactly(
                Map.entry("2026-12-03T10:00:00Z", "3 bronze, 1 silver, 2 quarantined "
                        + "{missing_fields=1, non_positive_quantity=2}, 0 duplicates (0 conflicting)"),
                Map.entry("2026-12-03T11:00:00Z",
                        "4 bronze, 1 silver, 0 quarantined {}, 3 duplicates (1 conflicting)"));
    }

    /** A duplicates table an earlier version created has no {@code conflicting} column: none conflicts. */
    @Test
    void duplicatesWithoutTheConflictingColumnCountAsNotConflicting() {
        Dataset<Row> quality = GoldAggregations.qualityByHour(times(TEN + "00:00", TEN + "10:00"),
                times(TEN + "00:00"), rows(QUARANTINE, List.of()), times(TEN + "10:00"));

        assertThat(describe(quality)).containsExactly(Map.entry("2026-12-03T10:00:00Z",
                "2 bronze, 1 silver, 0 quarantined {}, 1 duplicates (0 conflicting)"));
        assertThat(quality.schema().simpleString()).as("the table's columns and types")
                .isEqualTo(StructType.fromDDL(GoldTables.QUALITY_HOUR).simpleString());
    }

    /** What Gold does: each table's counts collected on their own, then combined. */
    @Test
    void collectedCountsCombineToTheSameRowsAsTheTables() {
        Dataset<Row> bronze = times(TEN + "00:00", TEN + "59:59", ELEVEN + "00:00", TWELVE + "00:00",
                TWELVE + "00:01");
        Dataset<Row> silver = times(TEN + "00:00");
        Dataset<Row> quarantine = rows(QUARANTINE, List.of(
                quarantined(TEN + "59:59", "non_positive_quantity"),
                quarantined(TWELVE + "00:00", "non_positive_quantity", "unknown_city"),
                quarantined(TWELVE + "00:01", "missing_fields", "non_positive_quantity")));
        Dataset<Row> duplicates = rows(DUPLICATES, List.of(RowFactory.create(ts(ELEVEN + "00:00"), true)));

        Dataset<Row> combined = GoldAggregations.qualityFrom(collected(GoldAggregations.rowsPerHour(bronze)),
                collected(GoldAggregations.rowsPerHour(silver)),
                collected(GoldAggregations.quarantinedPerHourAndReasons(quarantine)),
                collected(GoldAggregations.duplicatesPerHour(duplicates)));

        assertThat(combined.schema()).isEqualTo(
                GoldAggregations.qualityByHour(bronze, silver, quarantine, duplicates).schema());
        assertThat(describe(combined)).containsExactly(
                Map.entry("2026-12-03T10:00:00Z",
                        "2 bronze, 1 silver, 1 quarantined {non_positive_quantity=1}, 0 duplicates (0 conflicting)"),
                Map.entry("2026-12-03T11:00:00Z", "1 bronze, 0 silver, 0 quarantined {}, 1 duplicates (1 conflicting)"),
                Map.entry("2026-12-03T12:00:00Z", "2 bronze, 0 silver, 2 quarantined "
                        + "{missing_fields=1, non_positive_quantity=2, unknown_city=1}, 0 duplicates (0 conflicting)"))
                .isEqualTo(describe(GoldAggregations.qualityByHour(bronze, silver, quarantine, duplicates)));
    }

    @Test
    void eachTableIsScannedOnceTheQuarantineToo() {
        Dataset<Row> quarantine = rows(QUARANTINE, List.of(
                quarantined(TWELVE + "15:00", "missing_fields", "non_positive_quantity")));
        // a different hour per table: Spark folds local rows into constants and would reuse equal scans
        Dataset<Row> quality = GoldAggregations.qualityByHour(
                times(TEN + "00:00", ELEVEN + "00:00", TWELVE + "15:00"), times(TEN + "00:00"), quarantine,
                rows(DUPLICATES, List.of(RowFactory.create(ts(ELEVEN + "00:00"), true))));
        quality.collectAsList();

        String plan = quality.queryExecution().executedPlan().toString().split("== Initial Plan ==")[0];
        assertThat(plan.lines().filter(l -> l.contains("LocalTableScan")).count())
                .as("scans of the four (distinct) tables in%n%s", plan).isEqualTo(4);
    }

    private static Row quarantined(String time, String... reasons) {
        return RowFactory.create(ts(time), List.of(reasons), reasons[0]);
    }

    /** Quality rows by hour, as text. */
    private static Map<String, String> describe(Dataset<Row> quality) {
        Map<String, String> hours = new TreeMap<>();
        for (Row r : quality.collectAsList()) {
            hours.put(r.getTimestamp(0).toInstant().toString(), r.getLong(1) + " bronze, " + r.getLong(2) + " silver, "
                    + r.getLong(3) + " quarantined " + new TreeMap<>(CollectionConverters.asJava(
                            r.<String, Long>getMap(4))) + ", " + r.getLong(5) + " duplicates (" + r.getLong(6)
                    + " conflicting)");
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
