package org.lakehouse.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka source options Bronze and its benchmark baseline read with. */
class BronzeJobOptionsTest {
    @Test
    void keepsEveryHeaderAndDoesNotParkFetchesAtTheBroker() {
        Map<String, String> options = BronzeJob.kafkaOptions("127.0.0.1:9092", List.of("a", "b"), "earliest", true,
                200_000);

        assertThat(options).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("subscribe", "a,b")
                .containsEntry("startingOffsets", "earliest")
                .containsEntry("includeHeaders", "true")
                .containsEntry("failOnDataLoss", "true")
                .containsEntry("maxRecordsPerPartition", "200000");
        // Kafka's default of 500 ms cost every task of a bounded run about half a second (see the jobs README)
        assertThat(Integer.parseInt(options.get("kafka.fetch.max.wait.ms"))).isBetween(1, 50);
    }

    @Test
    void failOnDataLossFalseIsPassedThrough() {
        assertThat(BronzeJob.kafkaOptions("h:1", List.of("t"), "latest", false, 5))
                .containsEntry("failOnDataLoss", "false")
                .containsEntry("startingOffsets", "latest")
                .containsEntry("maxRecordsPerPartition", "5");
    }
}
