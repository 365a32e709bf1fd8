package org.lakehouse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
    private static final int RECORDS = 5;
    private static final Duration CLIENT_WAIT = Duration.ofSeconds(30);

    @Test
    void keepsRecordsPortAndClusterIdAcrossKillAndRestart(@TempDir Path dataDir) throws Exception {
        String topic = "embedded-kafka-" + UUID.randomUUID();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir))) {
            String bootstrap = kafka.bootstrapServers();
            assertThat(bootstrap).as("bootstrap address of the broker").isEqualTo("127.0.0.1:" + kafka.port());
            assertThat(kafka.isRunning()).as("broker running after start").isTrue();
            String clusterId;
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            }
            produce(bootstrap, topic);
            assertThat(consumeAll(bootstrap, topic)).as("records read back before the crash").hasSize(RECORDS);

            kafka.kill();
            assertThat(kafka.isRunning()).as("broker running after kill()").isFalse();
            kafka.restart();

            assertThat(kafka.bootstrapServers()).as("bootstrap address after restart").isEqualTo(bootstrap);
            try (Admin admin = admin(bootstrap)) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .as("cluster id after restart on the same data dir").isEqualTo(clusterId);
            }
            assertThat(consumeAll(bootstrap, topic))
                    .as("records still there after kill() and restart()")
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("value-0", "value-1", "value-2", "value-3", "value-4");
        }
        assertThat(Files.readString(dataDir.resolve("server.properties")))
                .as("generated server.properties keeps everything (no time-based retention)")
                .contains("log.retention.ms=-1", "auto.create.topics.enable=false", "num.partitions=3");
        assertThat(dataDir.resolve("logs/broker.log")).as("the broker's own log file").isNotEmptyFile();
    }

    @Test
    void stopIsIdempotentAndReleasesThePort(@TempDir Path dataDir) throws IOException {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir));
        int port = kafka.port();

        kafka.stop();
        kafka.stop();
        kafka.close();

        assertThat(kafka.isRunning()).as("broker running after stop()").isFalse();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).as("client port free again after stop()").isEqualTo(port);
        }
    }

    @Test
    void missingClasspathFileSaysHowToBuildIt(@TempDir Path dir) {
        Path missing = dir.resolve("broker.classpath");

        assertThatThrownBy(() -> BrokerClasspath.fromFile(missing))
                .as("error for a classpath file that was never built")
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("mvn -q -DskipTests package");
    }

    @Test
    void staleClasspathEntryIsNamed(@TempDir Path dir) throws IOException {
        Path gone = dir.resolve("kafka_2.13-0.0.jar");
        Path file = Files.writeString(dir.resolve("broker.classpath"), gone.toString());

        assertThatThrownBy(() -> BrokerClasspath.fromFile(file))
                .as("error for a classpath file naming a jar that is gone")
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(gone.toString())
                .hasMessageContaining("stale")
                .hasMessageContaining("mvn -q -DskipTests package");
    }

    @Test
    void noProjectRootSaysWhereTheClasspathComesFrom(@TempDir Path dir) {
        assertThatThrownBy(() -> BrokerClasspath.locate(name -> null, name -> null, dir))
                .as("error when no setting and no checkout leads to the classpath")
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(BrokerClasspath.CLASSPATH_FILE_ENV)
                .hasMessageContaining(BrokerClasspath.ROOT_PROPERTY)
                .hasMessageContaining("mvn -q -DskipTests package");
    }

    @Test
    void brokerThatCannotStartFailsFastWithItsOwnOutput(@TempDir Path dir) throws IOException {
        // The broker's classes without Kafka's jars: the child JVM starts and dies at once.
        Path classes = BrokerClasspath.locate().source().resolveSibling("classes");
        Path file = dir.resolve("target/broker.classpath");
        Files.createDirectories(file.getParent());
        Files.writeString(file, classes.toString());
        BrokerClasspath incomplete = BrokerClasspath.fromFile(file);
        long started = System.nanoTime();

        assertThatThrownBy(() -> EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir.resolve("kafka")), incomplete))
                .as("error of a broker JVM that exits before it is ready")
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("NoClassDefFoundError");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("time to report a broker that died at start-up")
                .isLessThan(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT);
    }

    @Test
    void rejectsOverridesOfManagedSettings(@TempDir Path dir) {
        EmbeddedKafkaConfig defaults = EmbeddedKafkaConfig.defaults(dir);

        assertThatThrownBy(() -> defaults.withBrokerOverride("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .as("overriding a listener the launcher manages")
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("listeners")
                .hasMessageContaining("port");
        assertThatThrownBy(() -> defaults.withMaxHeap("lots"))
                .as("a heap size the JVM cannot parse")
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("maxHeap=lots");
        assertThat(defaults.withBrokerOverride("log.segment.bytes", "1048576").brokerOverrides())
                .as("an ordinary broker setting is accepted")
                .containsEntry("log.segment.bytes", "1048576");
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void produce(String bootstrap, String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(CLIENT_WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                assertThat(records).as("records consumed from %s", topic).hasSize(RECORDS);
            });
        }
        return records;
    }
}
