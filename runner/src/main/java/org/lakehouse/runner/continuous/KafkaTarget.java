package org.lakehouse.runner.continuous;

import java.util.List;
import java.util.Objects;

/**
 * The Kafka input of bronze as a probe asks it: the brokers and the topics (bronze's {@code bootstrap} and
 * {@code topics} params).
 */
public record KafkaTarget(String bootstrap, List<String> topics) {
    public KafkaTarget {
        Objects.requireNonNull(bootstrap, "bootstrap");
        topics = List.copyOf(topics);
    }

    /** From bronze's params as text: {@code topics} comma-separated, blanks dropped, sorted (as bronze reads them). */
    public static KafkaTarget of(String bootstrap, String topics) {
        return new KafkaTarget(bootstrap.strip(), java.util.Arrays.stream(topics.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).sorted().toList());
    }

    @Override
    public String toString() {
        return "Kafka at " + bootstrap + ", topics " + String.join(",", topics);
    }
}
