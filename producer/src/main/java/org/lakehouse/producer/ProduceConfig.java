package org.lakehouse.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.publish.KafkaSettings;

/**
 * Everything one producer run needs, validated at construction.
 *
 * @param bootstrap        Kafka bootstrap servers
 * @param topic            target topic (created when missing)
 * @param partitions       partitions for a topic that has to be created
 * @param generator        what to generate
 * @param rate             events per second; 0 = as fast as possible
 * @param manifest         where to write the ground-truth manifest, or null for none
 * @param kafkaOverrides   extra Kafka producer properties (validated: idempotence cannot be turned off)
 * @param progressInterval how often progress is reported
 * @param producerId       sent in the {@code producer} header and as the Kafka client id
 */
public record ProduceConfig(String bootstrap, String topic, int partitions, GeneratorConfig generator, double rate,
                            Path manifest, Map<String, String> kafkaOverrides, Duration progressInterval,
                            String producerId) {

    public static final String DEFAULT_TOPIC = "orders";
    public static final int DEFAULT_PARTITIONS = 3;
    public static final String DEFAULT_PRODUCER_ID = "lakehouse-producer";
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    public ProduceConfig {
        Objects.requireNonNull(generator, "generator");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw ProducerErrors.invalidSetting("bootstrap", bootstrap, "no Kafka address given",
                    "Pass --bootstrap host:port, or start a broker with `lakehouse kafka`.");
        }
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw ProducerErrors.invalidSetting("topic", topic,
                    "a Kafka topic name is 1-249 characters of letters, digits, '.', '_' and '-'",
                    "Pass a valid --topic.");
        }
        if (partitions < 1 || partitions > 10_000) {
            throw ProducerErrors.invalidSetting("partitions", partitions, "must be between 1 and 10000",
                    "Pass --partitions 3, for example.");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw ProducerErrors.invalidSetting("rate", rate, "the rate must be 0 (unlimited) or positive",
                    "Pass --rate 1000, for example.");
        }
        kafkaOverrides = Map.copyOf(kafkaOverrides == null ? Map.of() : kafkaOverrides);
        KafkaSettings.validateOverrides(kafkaOverrides);
        progressInterval = progressInterval == null ? DEFAULT_PROGRESS_INTERVAL : progressInterval;
        producerId = producerId == null ? DEFAULT_PRODUCER_ID : producerId;
    }

    /** A config with defaults for everything but the broker address and the generator. */
    public static ProduceConfig of(String bootstrap, GeneratorConfig generator) {
        return new ProduceConfig(bootstrap, DEFAULT_TOPIC, DEFAULT_PARTITIONS, generator, 0, null, Map.of(),
                DEFAULT_PROGRESS_INTERVAL, DEFAULT_PRODUCER_ID);
    }

    public ProduceConfig withTopic(String newTopic) {
        return new ProduceConfig(bootstrap, newTopic, partitions, generator, rate, manifest, kafkaOverrides,
                progressInterval, producerId);
    }

    public ProduceConfig withManifest(Path newManifest) {
        return new ProduceConfig(bootstrap, topic, partitions, generator, rate, newManifest, kafkaOverrides,
                progressInterval, producerId);
    }
}
