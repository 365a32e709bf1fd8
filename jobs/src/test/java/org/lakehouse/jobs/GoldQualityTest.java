package org.lakehouse.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.bronze.BronzeTable;
import org.lakehouse.jobs.core.DeltaTables;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldAggregations;
import org.lakehouse.jobs.gold.GoldTables;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.jobs.silver.SilverTables;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Gold job's quality table on real Spark and Delta, over Bronze and Silver tables written here as the jobs
 * write them (written directly, so each hour's mix of rules and copies is exact): every failed rule counted,
 * conflicting copies counted, late rows updating their old hour, replays changing nothing, and the hours an earlier
 * version wrote recomputed under the new definition.
 */
class GoldQualityTest {
    private static final String TEN = "2026-12-03T10:";
    private static final String ELEVEN = "2026-12-03T11:";
    private static final String TWELVE = "2026-12-03T12:";
    /** The quality table as the version before this one declared it. */
    private static final String OLD_QUALITY = "hour_start TIMESTAMP, bronze_rows BIGINT, silver_rows BIGINT, "
            + "quarantined_rows BIGINT, quarantined_by_rule MAP<STRING, BIGINT>, duplicates BIGINT";

    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void everyFailedRuleAndEveryConflictingCopyCountsAndLateRowsUpdateTheirHour(@TempDir Path dir)
            throws Exception {
        Tables lake = new Tables(new LakePaths(dir));
        lake.order(TEN + "05:00", "e1");
        lake.order(ELEVEN + "05:00", "e2");
        lake.quarantined(TEN + "10:00", "missing_required", "non_positive_quantity");
        lake.quarantined(TEN + "20:00", "non_positive_quantity");
        lake.duplicate(TEN + "30:00", "e1", true);
        lake.duplicate(ELEVEN + "30:00", "e2", false);
        lake.write();
        lake.run();

        assertThat(lake.quality()).containsExactly(
                Map.entry("2026-12-03T10:00:00Z", "4 bronze, 1 silver, 2 quarantined "
                        + "{missing_required=1, non_positive_quantity=2}, 1 duplicates (1 conflicting)"),
                Map.entry("2026-12-03T11:00:00Z", "2 bronze, 1 silver, 0 quarantined {}, 1 duplicates (0 conflicting)"));

        // late rows into the old hour ten, and a new hour
        lake.quarantined(TEN + "40:00", "unknown_city", "non_positive_price");
        lake.duplicate(TEN + "50:00", "e1", true);
        lake.quarantined(TWELVE + "00:00", "malformed");
        lake.write();
        JobMetrics second = lake.run();
        assertThat(second.counter("windows.quality_by_hour")).as("hours ten and twelve").isEqualTo(2);

        Map<String, String> expected = Map.of(
                "2026-12-03T10:00:00Z", "6 bronze, 1 silver, 3 quarantined {missing_required=1, "
                        + "non_positive_price=1, non_positive_quantity=2, unknown_city=1}, 2 duplicates (2 conflicting)",
                "2026-12-03T11:00:00Z", "2 bronze, 1 silver, 0 quarantined {}, 1 duplicates (0 conflicting)",
                "2026-12-03T12:00:00Z", "1 bronze, 0 silver, 1 quarantined {malformed=1}, 0 duplicates (0 conflicting)");
        assertThat(lake.quality()).as("the late rows updated hour ten").isEqualTo(new TreeMap<>(expected));

        PipelineTest.forgetLastCommit(lake.paths.checkpoint("gold"));
        lake.run();
        assertThat(lake.quality()).as("the last batch replayed").isEqualTo(new TreeMap<>(expected));
        lake.reconciled();
    }

    /**
     * An earlier version wrote quality rows without {@code conflicting_duplicates}, counting each quarantined row
     * under its primary rule only, and did not mark the table with its definition. A run that stopped right after
     * adding the column leaves them NULL; the next run recomputes them, though nothing new arrives, and marks the
     * table; the run after does nothing. A run that stopped between the recompute and the mark is finished by the
     * next, which recomputes nothing.
     */
    @Test
    void hoursAnEarlierVersionWroteAreRecomputedEvenWhenNothingNewArrives(@TempDir Path dir) throws Exception {
        Tables lake = new Tables(new LakePaths(dir));
        lake.order(TEN + "05:00", "e1");
        lake.quarantined(TEN + "10:00", "missing_required", "non_positive_quantity");
        lake.duplicate(TEN + "30:00", "e1", true);
        lake.quarantined(ELEVEN + "10:00", "unknown_city");
        lake.write();
        lake.run();
        Map<String, String> current = lake.quality();

        // the table as the earlier version left it: its schema, its per-primary-rule counts
        Dataset<Row> earlier = GoldAggregations.qualityByHour(lake.table(LakeTable.BRONZE_ORDERS_RAW),
                        lake.table(LakeTable.SILVER_ORDERS),
                        lake.table(LakeTable.SILVER_QUARANTINE).withColumn("reasons", array(col("primary_reason"))),
                        lake.table(LakeTable.SILVER_DUPLICATES))
                .drop("conflicting_duplicates");
        spark.createDataFrame(earlier.collectAsList(), StructType.fromDDL(OLD_QUALITY)).write().format("delta")
                .mode("overwrite").option("overwriteSchema", "true").save(lake.uri(LakeTable.GOLD_QUALITY_BY_HOUR));
        lake.unmark();
        DeltaTables.ensure(spark, lake.paths, LakeTable.GOLD_QUALITY_BY_HOUR, GoldTables.QUALITY_HOUR);
        assertThat(lake.table(LakeTable.GOLD_QUALITY_BY_HOUR).where("conflicting_duplicates IS NULL").count())
                .as("both hours as the earlier version wrote them").isEqualTo(2);
        assertThat(lake.quality().get("2026-12-03T10:00:00Z")).as("the earlier definition")
                .contains("{missing_required=1}").contains("(null conflicting)");

        JobMetrics recomputing = lake.run();
        assertThat(recomputing.counter("windows.quality_by_hour")).as("both hours recomputed").isEqualTo(2);
        assertThat(lake.quality()).as("as if this version had written them").isEqualTo(current);
        assertThat(lake.marked()).as("the table marked with this definition").isTrue();
        lake.reconciled();

        long version = lake.version(LakeTable.GOLD_QUALITY_BY_HOUR);
        JobMetrics idle = lake.run();
        assertThat(idle.counter("windows.quality_by_hour")).as("nothing left to recompute").isZero();
        assertThat(lake.version(LakeTable.GOLD_QUALITY_BY_HOUR)).as("no commit").isEqualTo(version);

        // a run that stopped after the recompute but before marking the table: the next one only marks it
        lake.unmark();
        JobMetrics marking = lake.run();
        assertThat(marking.counter("windows.quality_by_hour")).as("nothing recomputed again").isZero();
        assertThat(lake.marked()).isTrue();
        assertThat(lake.quality()).isEqualTo(current);
    }

    /** Bronze and Silver rows written as the jobs write them, one Kafka offset each, and the Gold job over them. */
    private final class Tables {
        private final LakePaths paths;
        private final JobRunner runner;
        private final Map<LakeTable, List<Row>> pending = new EnumMap<>(LakeTable.class);
        private final Map<String, Long> originals = new HashMap<>();
        private long offset;

        Tables(LakePaths paths) {
            this.paths = paths;
            this.runner = Jobs.runner(paths);
            DeltaTables.ensure(spark, paths, LakeTable.BRONZE_ORDERS_RAW, BronzeTable.SCHEMA,
                    BronzeTable.PARTITION_COLUMN);
            DeltaTables.ensure(spark, paths, LakeTable.SILVER_ORDERS, SilverTables.ORDERS, "event_date");
            DeltaTables.ensure(spark, paths, LakeTable.SILVER_QUARANTINE, SilverTables.QUARANTINE);
            DeltaTables.ensure(spark, paths, LakeTable.SILVER_DUPLICATES, SilverTables.DUPLICATES);
        }

        void order(String time, String eventId) {
            Instant t = Instant.parse(time + "Z");
            long at = bronze(t);
            originals.put(eventId, at);
            add(LakeTable.SILVER_ORDERS, SilverTables.ORDERS, Map.of("event_id", eventId, "order_id", "o-" + eventId,
                    "customer_id", "C-1", "product_code", "P-1001", "product_name", "Espresso Machine",
                    "quantity", 2, "unit_price", new BigDecimal("10.00"), "total_amount", new BigDecimal("20.00"),
                    "city", "Berlin", "event_ts", Timestamp.from(t)), Map.of("event_date",
                    Date.valueOf(t.atZone(ZoneOffset.UTC).toLocalDate()), "topic", "orders", "partition", 0,
                    "offset", at, "kafka_timestamp", Timestamp.from(t), "format", "json"));
        }

        void quarantined(String time, String... reasons) {
            Instant t = Instant.parse(time + "Z");
            add(LakeTable.SILVER_QUARANTINE, SilverTables.QUARANTINE, Map.of("topic", "orders", "partition", 0,
                    "offset", bronze(t), "kafka_timestamp", Timestamp.from(t), "format", "json",
                    "reasons", CollectionConverters.asScala(List.of(reasons)).toSeq(), "primary_reason", reasons[0]),
                    Map.of());
        }

        void duplicate(String time, String eventId, boolean conflicting) {
            Instant t = Instant.parse(time + "Z");
            add(LakeTable.SILVER_DUPLICATES, SilverTables.DUPLICATES, Map.of("event_id", eventId, "topic", "orders",
                    "partition", 0, "offset", bronze(t), "kafka_timestamp", Timestamp.from(t),
                    "original_topic", "orders", "original_partition", 0, "original_offset", originals.get(eventId),
                    "conflicting", conflicting), Map.of());
        }

        /** A Bronze row at the next offset; its offset. */
        private long bronze(Instant t) {
            long at = offset++;
            add(LakeTable.BRONZE_ORDERS_RAW, BronzeTable.SCHEMA, Map.of("topic", "orders", "partition", 0,
                    "offset", at, "kafka_timestamp", Timestamp.from(t), "ingest_date", Date.valueOf("2026-12-03")),
                    Map.of());
            return at;
        }

        private void add(LakeTable table, String ddl, Map<String, Object> values, Map<String, Object> more) {
            StructType schema = StructType.fromDDL(ddl);
            Map<String, Object> all = new HashMap<>(values);
            all.putAll(more);
            List<Object> row = new ArrayList<>();
            for (StructField f : schema.fields()) {
                row.add(all.get(f.name()));
            }
            pending.computeIfAbsent(table, k -> new ArrayList<>()).add(RowFactory.create(row.toArray()));
        }

        /** Appends the pending rows, one commit per table. */
        void write() {
            Map<LakeTable, String> ddl = Map.of(LakeTable.BRONZE_ORDERS_RAW, BronzeTable.SCHEMA,
                    LakeTable.SILVER_ORDERS, SilverTables.ORDERS, LakeTable.SILVER_QUARANTINE,
                    SilverTables.QUARANTINE, LakeTable.SILVER_DUPLICATES, SilverTables.DUPLICATES);
            pending.forEach((table, rows) -> spark.createDataFrame(rows, StructType.fromDDL(ddl.get(table)))
                    .write().format("delta").mode("append").save(uri(table)));
            pending.clear();
        }

        JobMetrics run() {
            return runner.run(spark, "gold", Map.of(), false);
        }

        String uri(LakeTable table) {
            return paths.uri(table);
        }

        Dataset<Row> table(LakeTable table) {
            return spark.read().format("delta").load(uri(table));
        }

        /** Removes the quality table's definition property, as the earlier version never set it. */
        void unmark() {
            spark.sql("ALTER TABLE delta.`" + uri(LakeTable.GOLD_QUALITY_BY_HOUR) + "` UNSET TBLPROPERTIES ('"
                    + GoldTables.QUALITY_DEFINITION_PROPERTY + "')");
        }

        boolean marked() {
            return GoldTables.QUALITY_DEFINITION.equals(DeltaTables.detail(spark, paths,
                    LakeTable.GOLD_QUALITY_BY_HOUR).properties().get(GoldTables.QUALITY_DEFINITION_PROPERTY));
        }

        long version(LakeTable table) {
            return DeltaTable.forPath(spark, uri(table)).history(1).select("version").first().getLong(0);
        }

        /** The quality rows as text, by hour. */
        Map<String, String> quality() {
            Map<String, String> hours = new TreeMap<>();
            for (Row r : table(LakeTable.GOLD_QUALITY_BY_HOUR).collectAsList()) {
                hours.put(r.getTimestamp(0).toInstant().toString(), r.getLong(1) + " bronze, " + r.getLong(2)
                        + " silver, " + r.getLong(3) + " quarantined " + new TreeMap<>(r.<String, Long>getJavaMap(4))
                        + ", " + r.getLong(5) + " duplicates (" + r.get(6) + " conflicting)");
            }
            return hours;
        }

        void reconciled() {
            ReconcileReport report = new Reconciler(spark, paths).run(Optional.empty(), Optional.empty());
            assertThat(report.differences()).as(report.render()).isEmpty();
        }
    }
}
