package org.lakehouse.jobs.bronze;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic's first and next offsets per partition, without joining a group or reading records. */
public final class KafkaOffsets {
    /** The offsets of one partition: first still held, and next to be written. */
    public record Range(long beginning, long end) {
    }

    private KafkaOffsets() {
    }

    /** Offsets of every partition of {@code topics}, keyed {@code topic-partition} in order. */
    public static Map<TopicPartition, Range> of(String bootstrap, List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Map<TopicPartition, Range> result = new TreeMap<>(
                    java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null) {
                    continue;
                }
                List<TopicPartition> parts = infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, Duration.ofSeconds(30));
                Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
                parts.forEach(tp -> result.put(tp, new Range(begin.get(tp), end.get(tp))));
            }
            return result;
        }
    }
}
