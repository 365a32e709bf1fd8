package org.lakehouse.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lakehouse.producer.ProducerException;

class KafkaSettingsTest {
    @ParameterizedTest
    @CsvSource({"acks,1", "acks,0", "enable.idempotence,false", "max.in.flight.requests.per.connection,6",
        "retries,0", "value.serializer,x", "bootstrap.servers,other:9092"})
    void refusesOverridesThatBreakIdempotence(String key, String value) {
        assertThatThrownBy(() -> KafkaSettings.producerProperties("127.0.0.1:9092", "t", Map.of(key, value)))
                .as("override %s=%s", key, value)
                .isInstanceOf(ProducerException.class)
                .hasMessageContaining(key)
                .satisfies(e -> assertThat(((ProducerException) e).invalidInput()).isTrue());
    }

    @ParameterizedTest
    @CsvSource({"acks,all", "acks,-1", "linger.ms,50", "max.in.flight.requests.per.connection,1", "compression.type,zstd"})
    void acceptsSafeOverrides(String key, String value) {
        assertThat(KafkaSettings.producerProperties("127.0.0.1:9092", "t", Map.of(key, value)))
                .containsEntry(key, value).containsEntry("enable.idempotence", "true");
    }
}
