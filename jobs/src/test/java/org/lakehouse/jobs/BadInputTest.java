package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.reconcile.ReconcileReport;

/** Hostile bytes through the real pipeline: each lands in quarantine with the right reasons, nothing is lost. */
class BadInputTest {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private static final String TS = Instant.now().minusSeconds(3_600).toString();

    private static String order(String eventId, String quantity, String price, String city, String code,
            String currency) {
        return "{\"schema_version\":1,\"event_id\":\"" + eventId + "\",\"order_id\":\"ORD-" + eventId
                + "\",\"customer_id\":\"C-00001\",\"product\":{\"code\":\"" + code + "\",\"name\":\"x\"},"
                + "\"quantity\":" + quantity + ",\"unit_price\":" + price + ",\"currency\":\"" + currency
                + "\",\"city\":\"" + city + "\",\"event_ts\":\"" + TS + "\"}";
    }

    @Test
    void everyBadRecordIsQuarantinedWithItsReasons(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-bad");
        // key → (content type, value): each key names the case and the reasons it must get (empty: Silver)
        Map<String, byte[]> values = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        byte[] corruptAvro = {0x02, 0x02, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        add(values, types, reasons, "corrupt-avro", "application/avro", corruptAvro, "malformed");
        add(values, types, reasons, "not-utf8", "application/json",
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "malformed");
        add(values, types, reasons, "empty", "application/json", new byte[0], "malformed");
        add(values, types, reasons, "null-value", "application/json", null, "malformed");
        add(values, types, reasons, "one-megabyte", "application/json",
                ("{\"pad\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                "missing_required", "non_positive_quantity", "non_positive_price", "unknown_city",
                "future_event_time", "unknown_product");
        add(values, types, reasons, "all-nulls", "application/json",
                ("{\"schema_version\":1,\"event_id\":\"e-nulls\",\"order_id\":null,\"customer_id\":null,"
                        + "\"product\":null,\"quantity\":null,\"unit_price\":null,\"currency\":null,\"city\":null,"
                        + "\"event_ts\":null}").getBytes(StandardCharsets.UTF_8),
                "missing_required", "non_positive_quantity", "non_positive_price", "unknown_city",
                "future_event_time", "unknown_product");
        add(values, types, reasons, "negative-price", "application/json",
                order("e-neg-price", "2", "-5.00", "Berlin", "P-1001", "EUR").getBytes(StandardCharsets.UTF_8),
                "non_positive_price");
        add(values, types, reasons, "negative-quantity", "application/json",
                order("e-neg-qty", "-1", "5.00", "Berlin", "P-1001", "EUR").getBytes(StandardCharsets.UTF_8),
                "non_positive_quantity");
        add(values, types, reasons, "two-faults", "application/json",
                order("e-two", "0", "0.00", "Gotham", "P-1001", "EUR").getBytes(StandardCharsets.UTF_8),
                "non_positive_quantity", "non_positive_price", "unknown_city");
        add(values, types, reasons, "wrong-type", "application/json",
                order("e-wrong", "\"two\"", "5.00", "Paris", "P-1002", "EUR").getBytes(StandardCharsets.UTF_8),
                "wrong_type", "non_positive_quantity");
        add(values, types, reasons, "unknown-product", "application/json",
                order("e-product", "1", "5.00", "Paris", "P-9999", "EUR").getBytes(StandardCharsets.UTF_8),
                "unknown_product");
        add(values, types, reasons, "usd-warns", "application/json",
                order("e-usd", "1", "5.00", " paris ", "p-1002", "USD").getBytes(StandardCharsets.UTF_8));
        add(values, types, reasons, "valid", "application/json",
                order("e-valid", "3", "2.50", "BERLIN", "P-1001", "EUR").getBytes(StandardCharsets.UTF_8));
        add(values, types, reasons, "valid-copy", "application/json",
                order("e-valid", "3", "2.50", "BERLIN", "P-1001", "EUR").getBytes(StandardCharsets.UTF_8));
        send(lake, values, types);

        lake.run("bronze");
        Path failRules = dir.resolve("fail-rules.yaml");
        Files.writeString(failRules, """
                required: [event_id, event_ts]
                rules:
                  - name: no_usd
                    expect: currency <> 'USD'
                    action: fail
                """);
        assertThatThrownBy(() -> lake.run("silver", "rules=" + failRules))
                .as("a fail rule broken by one record")
                .isInstanceOf(JobException.class)
                .hasMessageContaining("no_usd")
                .hasMessageContaining("orders-bad-0@");
        assertThat(lake.rows(LakeTable.SILVER_ORDERS) + lake.rows(LakeTable.SILVER_QUARANTINE))
                .as("a failed batch writes nothing").isZero();

        JobMetrics silver = lake.run("silver");
        lake.run("gold");
        assertThat(silver.rowsIn()).isEqualTo(values.size());
        assertThat(silver.counter("warned.unexpected_currency")).isEqualTo(1);
        assertThat(silver.counter("duplicates")).isEqualTo(1);

        Map<String, List<String>> quarantined = new HashMap<>();
        for (Row r : lake.table(LakeTable.SILVER_QUARANTINE).selectExpr("CAST(key AS STRING)", "reasons")
                .collectAsList()) {
            quarantined.put(r.getString(0), r.getList(1));
        }
        reasons.forEach((key, expected) -> {
            if (!expected.isEmpty()) {
                assertThat(quarantined.get(key)).as("reasons of %s", key).isEqualTo(expected);
            } else {
                assertThat(quarantined).as("%s is not quarantined", key).doesNotContainKey(key);
            }
        });
        Row usd = lake.table(LakeTable.SILVER_ORDERS).where("event_id = 'e-usd'")
                .selectExpr("city", "product_code", "product_name", "warnings").first();
        assertThat(usd.getString(0)).as("standardized city").isEqualTo("Paris");
        assertThat(usd.getString(1)).as("standardized product code").isEqualTo("P-1002");
        assertThat(usd.getString(2)).as("canonical product name").isEqualTo("Coffee Grinder");
        assertThat(usd.<String>getList(3)).as("warnings").containsExactly("unexpected_currency");
        Row valid = lake.table(LakeTable.SILVER_ORDERS).where("event_id = 'e-valid'")
                .selectExpr("CAST(total_amount AS STRING)", "city").first();
        assertThat(valid.getString(0)).isEqualTo("7.50");
        assertThat(valid.getString(1)).isEqualTo("Berlin");
        assertThat(lake.table(LakeTable.SILVER_QUARANTINE).where("CAST(key AS STRING) = 'one-megabyte'")
                .selectExpr("octet_length(value)").first().getInt(0))
                .as("raw bytes kept").isGreaterThan(1_000_000);

        ReconcileReport report = lake.reconcile(null);
        assertThat(report.differences()).as(report.render()).isEmpty();
    }

    private static void add(Map<String, byte[]> values, Map<String, String> types, Map<String, List<String>> reasons,
            String key, String type, byte[] value, String... expected) {
        values.put(key, value);
        types.put(key, type);
        reasons.put(key, new ArrayList<>(List.of(expected)));
    }

    private static void send(Lake lake, Map<String, byte[]> values, Map<String, String> types) throws Exception {
        Properties adminProps = new Properties();
        adminProps.put("bootstrap.servers", lake.bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(adminProps)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(lake.topic, 1, (short) 1)))
                    .all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lake.bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1040000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                // one partition, in order, so the copy comes after its original
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(lake.topic, 0,
                        e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue());
                record.headers().add(new RecordHeader("content-type",
                        types.get(e.getKey()).getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }
        }
    }
}
