package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.LakeTable;

/**
 * Nothing doubled, whatever a copy looks like: copies of events Silver already holds, sent in a later run with their
 * event time moved back days or months and through another partition, are duplicates of Silver's row, and Gold
 * counts each event once. Every copy whose payload differs from its original's is flagged conflicting.
 */
class DuplicatesAcrossDatesTest {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final Instant NOW = Instant.now().minus(Duration.ofHours(2));

    private static byte[] order(String eventId, Instant eventTs, String quantity) {
        return ("{\"schema_version\":1,\"event_id\":\"" + eventId + "\",\"order_id\":\"ORD-" + eventId
                + "\",\"customer_id\":\"C-00001\",\"product\":{\"code\":\"P-1001\",\"name\":\"x\"},"
                + "\"quantity\":" + quantity + ",\"unit_price\":10.00,\"currency\":\"EUR\",\"city\":\"Berlin\","
                + "\"event_ts\":\"" + eventTs + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void copiesWithAnotherEventTimeOrPartitionAreDuplicatesOfSilversRow(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-dup-dates");
        Properties admin = new Properties();
        admin.put("bootstrap.servers", BROKER.bootstrap());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(lake.topic, 2, (short) 1))).all().get();
        }
        send(lake.topic, List.of(
                new Send(0, "e-days", order("e-days", NOW, "1")),
                new Send(0, "e-month", order("e-month", NOW, "2")),
                new Send(1, "e-partition", order("e-partition", NOW, "3")),
                new Send(0, "e-exact", order("e-exact", NOW, "5"))));
        lake.run("bronze");
        lake.run("silver");
        // later, in another run whose rows all fall on other dates than the originals (so no date the batch touches
        // holds them): copies moved back three days, forty days, and through the other partition, one with another
        // payload; and a new event sent twice within one batch with different dates
        send(lake.topic, List.of(
                new Send(0, "e-days", order("e-days", NOW.minus(Duration.ofDays(3)), "1")),
                new Send(1, "e-month", order("e-month", NOW.minus(Duration.ofDays(40)), "7")),
                new Send(0, "e-partition", order("e-partition", NOW.minus(Duration.ofDays(1)), "3")),
                new Send(1, "e-new", order("e-new", NOW.minus(Duration.ofDays(5)), "4")),
                new Send(1, "e-new", order("e-new", NOW.minus(Duration.ofDays(6)), "4"))));
        lake.run("bronze");
        lake.run("silver");
        // and an exact copy, in a run of its own (its date holds the originals of the run above)
        send(lake.topic, List.of(new Send(0, "e-exact", order("e-exact", NOW, "5"))));
        lake.run("bronze");
        lake.run("silver");
        lake.run("gold");

        assertThat(lake.table(LakeTable.SILVER_ORDERS).groupBy("event_id").count().where("count > 1").count())
                .as("each event_id once in Silver").isZero();
        assertThat(lake.rows(LakeTable.SILVER_ORDERS)).as("five events").isEqualTo(5);
        assertThat(lake.rows(LakeTable.SILVER_DUPLICATES)).as("five copies").isEqualTo(5);
        assertThat(lake.table(LakeTable.SILVER_DUPLICATES).where("NOT conflicting").collectAsList())
                .as("only the exact copy agrees with its original's payload (event time is part of it)")
                .extracting(r -> r.getString(0)).containsExactly("e-exact");
        List<Row> unnamed = lake.table(LakeTable.SILVER_DUPLICATES).alias("d")
                .join(lake.table(LakeTable.SILVER_ORDERS).alias("o"),
                        org.apache.spark.sql.functions.expr("d.event_id = o.event_id AND d.original_topic = o.topic "
                                + "AND d.original_partition = o.`partition` AND d.original_offset = o.`offset`"),
                        "left_anti")
                .collectAsList();
        assertThat(unnamed).as("every duplicate names the Silver row it copies").isEmpty();
        Row gold = lake.table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR)
                .selectExpr("CAST(sum(revenue) AS STRING)", "sum(orders)").first();
        assertThat(gold.getString(0)).as("Gold's revenue counts each event once").isEqualTo("150.00");
        assertThat(gold.getLong(1)).isEqualTo(5);
        var report = lake.reconcile(null);
        assertThat(report.differences()).as(report.render()).isEmpty();
    }

    private record Send(int partition, String key, byte[] value) {
    }

    private static void send(String topic, List<Send> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (Send s : records) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, s.partition(),
                        s.key().getBytes(StandardCharsets.UTF_8), s.value());
                r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }
    }
}
