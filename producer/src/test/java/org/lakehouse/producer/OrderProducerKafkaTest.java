package org.lakehouse.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.event.EventHeaders;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.OrderGenerator;
import org.lakehouse.producer.generate.RecordKind;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;

/** The producer against a real embedded KRaft broker: what goes in comes out, once, even across a broker crash. */
class OrderProducerKafkaTest {
    @TempDir
    static Path brokerDir;
    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(brokerDir));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static GeneratorConfig generator(long count) {
        return new GeneratorConfig(2026, count, Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)),
                Duration.ofHours(3), EventFormat.JSON, FaultRatios.DEFAULTS);
    }

    @Test
    void everyRecordArrivesExactlyAsGenerated(@TempDir Path dir) throws Exception {
        GeneratorConfig gen = generator(10_000);
        Path manifestFile = dir.resolve("manifest.json");
        ProduceConfig config = ProduceConfig.of(broker.bootstrapServers(), gen).withTopic("orders-exact")
                .withManifest(manifestFile);
        ProduceResult result = new OrderProducer(config, p -> { }).run();
        assertThat(result.ok()).as("every send acknowledged: %s", result.summary()).isTrue();

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicReader.readAll(broker.bootstrapServers(), "orders-exact", 10_000, Duration.ofSeconds(60));
        assertThat(records).as("records read back").hasSize(10_000);
        OrderGenerator expected = new OrderGenerator(gen);
        Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            GeneratedRecord g = expected.generate(TopicReader.seq(r));
            assertThat(r.value()).as("value of seq %d", g.seq()).isEqualTo(g.value());
            assertThat(r.key()).as("key of seq %d", g.seq()).isEqualTo(g.key());
            assertThat(r.timestamp()).as("timestamp of seq %d", g.seq()).isEqualTo(g.sendTime().toEpochMilli());
            assertThat(TopicReader.header(r, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(TopicReader.header(r, EventHeaders.SCHEMA)).isEqualTo("order_event.v1");
            kinds.merge(g.kind(), 1L, Long::sum);
        }
        assertThat(records.stream().map(TopicReader::seq).distinct().count()).as("distinct seq").isEqualTo(10_000);

        Manifest manifest = ManifestJson.read(manifestFile);
        assertThat(manifest.complete()).isTrue();
        Map<String, Long> consumedKinds = new TreeMap<>();
        for (RecordKind k : RecordKind.values()) {
            consumedKinds.put(k.key(), kinds.getOrDefault(k, 0L));
        }
        assertThat(manifest.recordsByKind()).as("manifest counts vs records consumed").isEqualTo(consumedKinds);
        assertThat(kinds.keySet()).as("every kind injected").containsAll(List.of(RecordKind.values()));
    }

    @Test
    void aBrokerCrashMidProductionLosesAndDoublesNothing() {
        long count = 20_000;
        AtomicLong acked = new AtomicLong();
        ProduceConfig config = new ProduceConfig(broker.bootstrapServers(), "orders-crash", 3, generator(count),
                4_000, null, Map.of(), Duration.ofMillis(50), "crash-test");
        CompletableFuture<ProduceResult> run = CompletableFuture.supplyAsync(
                () -> new OrderProducer(config, p -> acked.set(p.acked())).run());

        await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() >= 4_000);
        long ackedAtCrash = acked.get();
        broker.kill();
        broker.restart();
        ProduceResult result = run.orTimeout(180, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(ackedAtCrash).as("records acked when the broker was killed").isLessThan(count);
        assertThat(result.summary().failed()).as("failed sends").isZero();
        assertThat(result.summary().acked()).as("acked").isEqualTo(count);

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicReader.readAll(broker.bootstrapServers(), "orders-crash", count, Duration.ofSeconds(90));
        Map<Long, Long> bySeq = new TreeMap<>();
        records.forEach(r -> bySeq.merge(TopicReader.seq(r), 1L, Long::sum));
        assertThat(bySeq.values().stream().filter(n -> n > 1).count()).as("seq values written twice").isZero();
        assertThat(bySeq).as("distinct seq values").hasSize((int) count);
        assertThat(records).as("records in the topic").hasSize((int) count);
    }
}
