package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.bronze.BronzeJob;

/** Broker lists: what parses, how it is written for Kafka, and why the rest is refused. */
class BrokerAddressTest {
    @Test
    void listsParseAndAreWrittenAsKafkaTakesThem() {
        assertThat(BrokerAddress.parseList(" Kafka:9092 , 127.0.0.1:29092,[::1]:1 "))
                .as("hosts in lower case, spaces around entries dropped")
                .containsExactly(new BrokerAddress("kafka", 9092), new BrokerAddress("127.0.0.1", 29092),
                        new BrokerAddress("[::1]", 1));
        assertThat(BrokerAddress.join(List.of(new BrokerAddress("broker_1.example", 65535))))
                .isEqualTo("broker_1.example:65535");
    }

    @Test
    void oddListsAreRefusedWithTheReason() {
        Map<String, String> refused = Map.of(
                "kafka", "no port",
                "kafka:abc", "the port is not a number",
                "kafka:70000", "the port is not a number from 1 to 65535",
                ":9092", "the host is not",
                "PLAINTEXT://kafka:9092", "no scheme",
                "kafka :9092", "no spaces",
                "kafka:9092,,x:1", "empty entry",
                " ", "names no broker");
        refused.forEach((text, reason) -> assertThatThrownBy(() -> BrokerAddress.parseList(text)).as(text)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason)
                .hasMessageContaining("e.g. 127.0.0.1:9092,kafka:9092"));
    }

    @Test
    void bronzeBootstrapIsABrokerParam() {
        assertThat(BronzeJob.BOOTSTRAP.isBrokers()).as("bootstrap is declared with ParamSpec.brokers").isTrue();
        assertThat(BronzeJob.BOOTSTRAP.isPath()).isFalse();
        assertThat(BronzeJob.TOPICS.isBrokers()).isFalse();
        JobParams p = JobParams.of("bronze", new BronzeJob().params(), Map.of("bootstrap", " a:1, b:2 "));
        assertThat(p.get(BronzeJob.BOOTSTRAP)).as("the value Kafka gets").isEqualTo("a:1,b:2");
        assertThatThrownBy(() -> JobParams.of("bronze", new BronzeJob().params(), Map.of("bootstrap", "a")))
                .isInstanceOf(JobException.class).hasMessageContaining("parameter bootstrap='a'")
                .hasMessageContaining("no port");
    }
}
