package org.lakehouse.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.DeltaTables;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.gold.GoldAggregations;
import org.lakehouse.jobs.gold.GoldTables;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.silver.SilverTables;

/**
 * A lake the previous version wrote, upgraded by running this version's jobs: {@code silver.orders_duplicates}
 * without {@code conflicting} and {@code gold.quality_by_hour} without {@code conflicting_duplicates} (and counting
 * each quarantined row under its primary rule only), both with rows. The jobs add the columns in place, the old
 * duplicates read NULL, Gold recomputes the hours the old version wrote (nothing new touches them), reconcile is
 * clean, and reruns and replays change nothing.
 */
class SchemaUpgradeTest {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final Instant OLD_HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
    private static final Instant NEW_HOUR = OLD_HOUR.plus(Duration.ofHours(3));
    /** The previous version's declarations. */
    private static final String OLD_DUPLICATES = "event_id STRING, topic STRING, `partition` INT, `offset` BIGINT, "
            + "kafka_timestamp TIMESTAMP, original_topic STRING, original_partition INT, original_offset BIGINT, "
            + "detected_at TIMESTAMP";
    private static final String OLD_QUALITY = "hour_start TIMESTAMP, bronze_rows BIGINT, silver_rows BIGINT, "
            + "quarantined_rows BIGINT, quarantined_by_rule MAP<STRING, BIGINT>, duplicates BIGINT";

    /** An order at {@code at} (event and Kafka time); {@code quantity} null leaves the field out. */
    private static ProducerRecord<byte[], byte[]> order(String topic, String eventId, Instant at, String quantity) {
        String value = "{\"schema_version\":1,\"event_id\":\"" + eventId + "\",\"order_id\":\"ORD-" + eventId
                + "\",\"customer_id\":\"C-00001\",\"product\":{\"code\":\"P-1001\",\"name\":\"x\"},"
                + (quantity == null ? "" : "\"quantity\":" + quantity + ",")
                + "\"unit_price\":10.00,\"currency\":\"EUR\",\"city\":\"Berlin\",\"event_ts\":\"" + at + "\"}";
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 0, at.toEpochMilli(),
                eventId.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    @Test
    void theJobsAddTheNewColumnsToAnOldLakeAndGoldRecomputesTheOldHours(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-upgrade");
        createTopic(lake.topic);
        Instant a = OLD_HOUR;
        send(List.of(order(lake.topic, "a1", a.plusSeconds(300), "1"),
                order(lake.topic, "a2", a.plusSeconds(3_900), "2"),
                order(lake.topic, "a3", a.plusSeconds(600), null),
                order(lake.topic, "a4", a.plusSeconds(1_200), "0"),
                order(lake.topic, "a1", a.plusSeconds(1_800), "1")));
        lake.run("bronze");
        lake.run("silver");
        downgradeDuplicates(lake);
        lake.run("gold");
        downgradeQuality(lake);

        assertThat(lake.table(LakeTable.SILVER_DUPLICATES).columns()).as("the old duplicates table")
                .doesNotContain("conflicting");
        assertThat(lake.table(LakeTable.GOLD_QUALITY_BY_HOUR).columns()).as("the old quality table")
                .doesNotContain("conflicting_duplicates");
        assertThat(rules(lake).get(OLD_HOUR.toString())).as("the old definition: the primary rule only")
                .isEqualTo(Map.of("missing_required", 1L, "non_positive_quantity", 1L));
        ReconcileReport old = lake.reconcile(null);
        assertThat(old.differences()).as("reconcile reports the hour of the old definition")
                .anyMatch(d -> d.startsWith(LakeTable.GOLD_QUALITY_BY_HOUR.qualifiedName()));

        // this version's jobs, on new records in an hour of their own (none touches the old hours)
        Instant b = NEW_HOUR;
        send(List.of(order(lake.topic, "b1", b.plusSeconds(60), "3"),
                order(lake.topic, "b2", b.plusSeconds(120), null),
                order(lake.topic, "a2", b.plusSeconds(180), "7")));
        lake.pipeline();

        Dataset<Row> duplicates = lake.table(LakeTable.SILVER_DUPLICATES);
        assertThat(duplicates.columns()).as("conflicting added at its declared place")
                .containsExactly(StructType.fromDDL(SilverTables.DUPLICATES).fieldNames());
        assertThat(duplicates.where("event_id = 'a1'").select("conflicting").collectAsList())
                .extracting(r -> r.get(0)).as("the old copy reads NULL").containsExactly((Object) null);
        assertThat(duplicates.where("event_id = 'a2'").select("conflicting").collectAsList())
                .extracting(r -> r.get(0)).as("the new copy has a value").doesNotContainNull().hasSize(1);
        Dataset<Row> quality = lake.table(LakeTable.GOLD_QUALITY_BY_HOUR);
        assertThat(quality.columns()).as("conflicting_duplicates added")
                .containsExactly(StructType.fromDDL(GoldTables.QUALITY_HOUR).fieldNames());
        assertThat(quality.where("conflicting_duplicates IS NULL").count()).as("every hour recomputed").isZero();
        assertThat(DeltaTables.detail(lake.spark, lake.paths, LakeTable.GOLD_QUALITY_BY_HOUR).properties())
                .as("marked with this definition")
                .containsEntry(GoldTables.QUALITY_DEFINITION_PROPERTY, GoldTables.QUALITY_DEFINITION);
        assertThat(rules(lake).get(OLD_HOUR.toString())).as("the old hour under the new definition")
                .isEqualTo(Map.of("missing_required", 1L, "non_positive_quantity", 2L));
        assertThat(rules(lake).get(NEW_HOUR.toString())).as("the new hour")
                .isEqualTo(Map.of("missing_required", 1L, "non_positive_quantity", 1L));
        Row oldHour = quality.where(col("hour_start").equalTo(java.sql.Timestamp.from(OLD_HOUR))).first();
        assertThat(oldHour.getLong(oldHour.fieldIndex("quarantined_rows"))).as("rows, not rule failures")
                .isEqualTo(2);
        assertThat(oldHour.getLong(oldHour.fieldIndex("conflicting_duplicates")))
                .as("an old copy (NULL) is not conflicting").isZero();
        for (LakeTable t : List.of(LakeTable.SILVER_DUPLICATES, LakeTable.GOLD_QUALITY_BY_HOUR)) {
            Row protocol = DeltaTable.forPath(lake.spark, lake.paths.uri(t)).detail()
                    .select("minReaderVersion", "minWriterVersion").first();
            assertThat(List.of(protocol.getInt(0), protocol.getInt(1))).as("%s keeps its protocol", t)
                    .containsExactly(1, 2);
        }
        ReconcileReport upgraded = lake.reconcile(null);
        assertThat(upgraded.differences()).as(upgraded.render()).isEmpty();

        // reruns with nothing new, then replays of the last batches: nothing changes, no commit is added
        List<Object> before = lake.fingerprint();
        Map<LakeTable, Long> versions = versions(lake);
        lake.pipeline();
        assertThat(lake.fingerprint()).as("a rerun with nothing new").isEqualTo(before);
        assertThat(versions(lake)).as("no ALTER, no MERGE").isEqualTo(versions);
        for (String job : List.of("silver", "gold")) {
            PipelineTest.forgetLastCommit(lake.paths.checkpoint(job));
        }
        lake.pipeline();
        assertThat(lake.fingerprint()).as("the last batches replayed").isEqualTo(before);
        assertThat(rules(lake).get(OLD_HOUR.toString())).isEqualTo(Map.of("missing_required", 1L,
                "non_positive_quantity", 2L));
        ReconcileReport replayed = lake.reconcile(null);
        assertThat(replayed.differences()).as(replayed.render()).isEmpty();
    }

    /** silver.orders_duplicates as the previous version wrote it: the same rows, without {@code conflicting}. */
    private static void downgradeDuplicates(Lake lake) throws Exception {
        List<Row> rows = lake.table(LakeTable.SILVER_DUPLICATES).drop("conflicting").collectAsList();
        assertThat(rows).as("one copy in the old batch").hasSize(1);
        PathUtils.deleteDirectory(lake.paths.table(LakeTable.SILVER_DUPLICATES));
        DeltaLog.clearCache();
        DeltaTables.ensure(lake.spark, lake.paths, LakeTable.SILVER_DUPLICATES, OLD_DUPLICATES,
                DeltaTables.statsColumns(SilverTables.DUPLICATES_STATS));
        lake.spark.createDataFrame(rows, StructType.fromDDL(OLD_DUPLICATES)).write().format("delta")
                .mode("append").save(lake.paths.uri(LakeTable.SILVER_DUPLICATES));
    }

    /**
     * gold.quality_by_hour as the previous version wrote it: its schema, each quarantined row counted under its
     * primary rule only, no definition property (Gold only writes it, so rewriting it in place leaves the Gold
     * query's checkpoint valid).
     */
    private static void downgradeQuality(Lake lake) {
        Dataset<Row> earlier = GoldAggregations.qualityByHour(lake.table(LakeTable.BRONZE_ORDERS_RAW),
                        lake.table(LakeTable.SILVER_ORDERS),
                        lake.table(LakeTable.SILVER_QUARANTINE).withColumn("reasons", array(col("primary_reason"))),
                        lake.table(LakeTable.SILVER_DUPLICATES))
                .drop("conflicting_duplicates");
        lake.spark.createDataFrame(earlier.collectAsList(), StructType.fromDDL(OLD_QUALITY)).write().format("delta")
                .mode("overwrite").option("overwriteSchema", "true")
                .save(lake.paths.uri(LakeTable.GOLD_QUALITY_BY_HOUR));
        lake.spark.sql("ALTER TABLE delta.`" + lake.paths.uri(LakeTable.GOLD_QUALITY_BY_HOUR)
                + "` UNSET TBLPROPERTIES ('" + GoldTables.QUALITY_DEFINITION_PROPERTY + "')");
    }

    /** Each hour's {@code quarantined_by_rule}, by the hour's instant. */
    private static Map<String, Map<String, Long>> rules(Lake lake) {
        Map<String, Map<String, Long>> hours = new TreeMap<>();
        for (Row r : lake.table(LakeTable.GOLD_QUALITY_BY_HOUR).collectAsList()) {
            hours.put(r.getTimestamp(r.fieldIndex("hour_start")).toInstant().toString(),
                    new TreeMap<>(r.<String, Long>getJavaMap(r.fieldIndex("quarantined_by_rule"))));
        }
        return hours;
    }

    private static Map<LakeTable, Long> versions(Lake lake) {
        Map<LakeTable, Long> versions = new TreeMap<>();
        for (LakeTable t : LakeTable.values()) {
            versions.put(t, DeltaTable.forPath(lake.spark, lake.paths.uri(t)).history(1).select("version").first()
                    .getLong(0));
        }
        return versions;
    }

    private static void createTopic(String topic) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", BROKER.bootstrap());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static void send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r).get();
            }
        }
    }
}
