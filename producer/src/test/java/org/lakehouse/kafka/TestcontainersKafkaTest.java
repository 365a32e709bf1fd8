package org.lakehouse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same client round trip against Kafka in Docker, for machines that have it. Without a Docker engine the class is
 * skipped with the reason logged; {@link EmbeddedKafkaTest} covers the broker without Docker.
 */
class TestcontainersKafkaTest {
    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersKafkaTest.class);
    private static final String IMAGE = "apache/kafka:4.1.0";

    // Checked per test, not per class, so Surefire counts the test as skipped and shows it.
    @BeforeEach
    void requireDocker() {
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        String reason = "No Docker engine is reachable, so the Testcontainers Kafka test (" + IMAGE
                + ") is skipped; EmbeddedKafkaTest covers a real broker without Docker.";
        if (!docker) {
            LOG.warn(reason);
        }
        Assumptions.assumeTrue(docker, reason);
    }

    @Test
    void createsAndListsATopicInDocker() throws Exception {
        String topic = "testcontainers-" + UUID.randomUUID();
        try (KafkaContainer kafka = new KafkaContainer(IMAGE)) {
            kafka.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.getBootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
                Set<String> topics = admin.listTopics().names().get(60, TimeUnit.SECONDS);
                assertThat(topics).as("topics of the Docker broker").contains(topic);
            }
        }
    }
}
