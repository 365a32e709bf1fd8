package org.lakehouse.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.bronze.BronzeCheckpoint;
import org.lakehouse.jobs.bronze.KafkaOffsets;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;

/**
 * What the runner reads about a real lake without Spark, for continuous mode and the console: bronze's committed
 * offsets from its checkpoint's files ({@link BronzeCheckpoint}), and Gold's newest counted event in its metrics
 * ({@code newest_event_ms}).
 */
class FreshnessFiguresTest {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void bronzesCheckpointFilesTellWhereItStands(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "fresh-bronze");
        Path checkpoint = lake.paths.checkpoint("bronze");
        assertThat(BronzeCheckpoint.committed(checkpoint)).as("no checkpoint yet").isEmpty();
        assertThat(BronzeCheckpoint.id(checkpoint)).isEmpty();

        lake.produce(Lake.generator(3, 600, EventFormat.JSON), dir.resolve("m.json"));
        lake.run("bronze", "max_offsets_per_trigger=150");
        Map<TopicPartition, Long> end = KafkaOffsets.of(lake.bootstrap, List.of(lake.topic)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().end()));
        assertThat(BronzeCheckpoint.committed(checkpoint)).as("after a run that read everything: Kafka's end")
                .isEqualTo(end);
        String id = BronzeCheckpoint.id(checkpoint).orElseThrow();
        assertThat(id).as("Spark's query id").matches("[0-9a-f-]{36}");
        lake.run("bronze");
        assertThat(BronzeCheckpoint.id(checkpoint)).as("kept by later runs").contains(id);

        PipelineTest.forgetLastCommit(checkpoint);
        Map<TopicPartition, Long> before = BronzeCheckpoint.committed(checkpoint);
        assertThat(before.keySet()).isEqualTo(end.keySet());
        assertThat(before).as("a batch planned but not committed does not count")
                .allSatisfy((tp, offset) -> assertThat(offset).isLessThanOrEqualTo(end.get(tp)));
        assertThat(before.values().stream().mapToLong(Long::longValue).sum())
                .isLessThan(end.values().stream().mapToLong(Long::longValue).sum());

        try (Stream<Path> commits = Files.list(checkpoint.resolve("commits"))) {
            for (Path c : commits.toList()) {
                Files.delete(c);
            }
        }
        assertThat(BronzeCheckpoint.committed(checkpoint)).as("no batch committed: where the checkpoint started")
                .allSatisfy((tp, offset) -> assertThat(offset).isZero()).hasSameSizeAs(end);
    }

    @Test
    void goldReportsTheNewestKafkaTimestampItCounted(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "fresh-gold");
        Instant now = Instant.now();
        lake.produce(new GeneratorConfig(5, 400, now.minus(Duration.ofHours(3)), Duration.ofHours(1),
                EventFormat.JSON, FaultRatios.DEFAULTS), dir.resolve("m1.json"));
        lake.run("bronze");
        lake.run("silver");
        JobMetrics first = lake.run("gold");
        assertThat(first.counters()).as("a run that read rows reports their newest Kafka timestamp")
                .containsEntry(JobMetrics.NEWEST_EVENT_MS, newestInSilver(lake));

        JobMetrics idle = lake.run("gold");
        assertThat(idle.counters()).as("a run that read nothing reports none (the last one still holds)")
                .doesNotContainKey(JobMetrics.NEWEST_EVENT_MS);
        assertThat(idle.rowsOut()).isZero();

        lake.produce(new GeneratorConfig(6, 50, now.minus(Duration.ofMinutes(10)), Duration.ofMinutes(5),
                EventFormat.JSON, FaultRatios.DEFAULTS), dir.resolve("m2.json"));
        lake.run("bronze");
        lake.run("silver");
        JobMetrics second = lake.run("gold");
        long newest = newestInSilver(lake);
        assertThat(second.counters()).containsEntry(JobMetrics.NEWEST_EVENT_MS, newest);
        assertThat(newest).as("the newer rows").isGreaterThan(first.counter(JobMetrics.NEWEST_EVENT_MS))
                .isGreaterThanOrEqualTo(now.minus(Duration.ofMinutes(10)).toEpochMilli());
        assertThat(second.rowsOut()).as("rows_out still counts windows only")
                .isEqualTo(second.counter("windows.revenue_by_city_hour")
                        + second.counter("windows.revenue_by_product_day") + second.counter("windows.quality_by_hour"));
    }

    /** The newest {@code kafka_timestamp} among Silver's three tables, epoch millis. */
    private static long newestInSilver(Lake lake) {
        return Stream.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE, LakeTable.SILVER_DUPLICATES)
                .map(t -> lake.table(t).agg(max(col("kafka_timestamp"))).first())
                .filter(r -> !r.isNullAt(0)).mapToLong(r -> ((Timestamp) r.get(0)).getTime()).max().orElseThrow();
    }
}
