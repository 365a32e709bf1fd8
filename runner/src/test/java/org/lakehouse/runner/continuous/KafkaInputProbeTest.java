package org.lakehouse.runner.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.core.LakeCatalog;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.OrderProducer;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.publish.ProgressListener;
import org.threeten.extra.MutableClock;

/**
 * Bronze's backlog as the runner asks it, against a real broker and a checkpoint a real bronze run wrote: everything
 * before bronze ran, nothing once it read all, what was sent since, nothing for a topic not created yet; an
 * unreachable broker fails at once with the address and the fix; one look serves the console for a second.
 */
class KafkaInputProbeTest {
    private static final String TOPIC = "probe-orders";

    private static void produce(String bootstrap, long seed, int count) throws Exception {
        GeneratorConfig orders = new GeneratorConfig(seed, count, Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1), EventFormat.JSON, FaultRatios.DEFAULTS);
        ProduceResult r = new OrderProducer(new ProduceConfig(bootstrap, TOPIC, 3, orders, 0, null, Map.of(), null,
                null), ProgressListener.NONE).run();
        assertThat(r.ok()).as("produced %s", r).isTrue();
    }

    @Test
    void theBacklogIsKafkasEndMinusWhatBronzesCheckpointCommitted(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath();
        LakePaths lake = new LakePaths(home.resolve("lake"));
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(home.resolve("kafka")));
                KafkaInputProbe probe = new KafkaInputProbe(() -> KafkaTarget.of(broker.bootstrapServers(), TOPIC),
                        lake.checkpoint("bronze"), Duration.ofSeconds(10))) {
            assertThat(probe.pending().partitions()).as("the topic does not exist yet: nothing to read").isEmpty();

            produce(broker.bootstrapServers(), 1, 300);
            Backlog before = probe.pending();
            assertThat(before.partitions()).hasSize(3).allSatisfy(p -> {
                assertThat(p.committed()).as("no checkpoint yet").isNull();
                assertThat(p.from()).isZero();
            });
            assertThat(before.total()).isEqualTo(300);
            assertThat(before.perTopic()).containsExactly(Map.entry(TOPIC, 300L));

            SparkSession spark = SparkSessions.getOrCreate("lakehouse-runner");
            LakeCatalog.register(spark, new LakePaths(home.resolve("no-lake")));
            Jobs.runner(lake).run(spark, "bronze", Map.of("bootstrap", broker.bootstrapServers(), "topics", TOPIC),
                    false);
            Backlog after = probe.pending();
            assertThat(after.total()).as("bronze read everything").isZero();
            assertThat(after.partitions()).allSatisfy(p -> assertThat(p.committed()).isEqualTo(p.end()));

            produce(broker.bootstrapServers(), 2, 40);
            assertThat(probe.pending().total()).as("what was sent since").isEqualTo(40);

            MutableClock clock = MutableClock.of(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
            LagWatch watch = new LagWatch(probe, clock, Duration.ofSeconds(1));
            LagWatch.Snapshot first = watch.current();
            assertThat(first.backlog().total()).isEqualTo(40);
            assertThat(first.source()).isEqualTo("Kafka at " + broker.bootstrapServers() + ", topics " + TOPIC);
            produce(broker.bootstrapServers(), 3, 10);
            assertThat(watch.current()).as("within a second, the same look").isSameAs(first);
            clock.add(Duration.ofMillis(1001));
            assertThat(watch.current().backlog().total()).as("then a new one").isEqualTo(50);

            broker.close();
            assertThatThrownBy(probe::pending).as("the broker went away").isInstanceOf(InputUnavailableException.class);
            assertThatThrownBy(probe::pending).as("then a plain connect says so at once")
                    .isInstanceOf(InputUnavailableException.class).hasMessageContaining("is unreachable");
        }
    }

    @Test
    void anUnreachableBrokerFailsAtOnceSayingWhereAndWhatToDo(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closed;
        try (KafkaInputProbe probe = new KafkaInputProbe(() -> KafkaTarget.of(bootstrap, "orders"),
                dir.resolve("checkpoints/bronze"), Duration.ofSeconds(5))) {
            assertThatThrownBy(probe::pending).isInstanceOf(InputUnavailableException.class)
                    .hasMessageContaining("Kafka at " + bootstrap + " is unreachable")
                    .hasMessageContaining("Start the broker").hasMessageContaining("continuous.bronze.bootstrap");
            LagWatch.Snapshot s = new LagWatch(probe, Clock.systemUTC(), Duration.ofSeconds(1)).current();
            assertThat(s.backlog()).isNull();
            assertThat(s.error()).contains(bootstrap);
        }
    }
}
