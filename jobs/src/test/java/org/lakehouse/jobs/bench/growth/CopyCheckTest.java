package org.lakehouse.jobs.bench.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bench.BenchInput;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;

/**
 * Copies of history events, of every kind, sent in a later run through a real broker and our real jobs, pass the
 * growth benchmark's check; the same lake checked against a wrong original fails it, naming what went where.
 */
class CopyCheckTest {
    private static Path brokerDir;
    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() throws Exception {
        brokerDir = Files.createTempDirectory("lakehouse-broker-");
        broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(brokerDir));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        try {
            broker.close();
        } finally {
            PathUtils.deleteDirectory(brokerDir);
        }
    }

    @Test
    void copiesOfOldEventsAreDuplicatesNamingTheirOriginals(@TempDir Path dir) {
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");
        String bootstrap = broker.bootstrapServers();
        String topic = BenchInput.freshTopic("copy-check");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(40));
        BenchInput.produce(bootstrap, topic, new GeneratorConfig(7, 400, start, Duration.ofDays(30),
                EventFormat.JSON, FaultRatios.DEFAULTS));
        LakePaths lake = new LakePaths(dir.resolve("lake"));
        JobRunner jobs = Jobs.runner(lake);
        Map<String, String> bronze = Map.of(BronzeJob.BOOTSTRAP.name(), bootstrap, BronzeJob.TOPICS.name(), topic);
        jobs.run(spark, "bronze", bronze, false);
        jobs.run(spark, "silver", Map.of(), false);
        jobs.run(spark, "gold", Map.of(), false);

        List<HistoryCopies.Original> originals = HistoryCopies.pick(spark, lake, 8, start.plus(Duration.ofDays(20)),
                1);
        assertThat(originals).as("eight distinct old events").hasSize(8)
                .allMatch(o -> o.value().length > 0 && !o.headers().isEmpty());
        List<HistoryCopies.Copy> copies = HistoryCopies.forRound(originals, 0, 8, 3);
        assertThat(copies).extracting(HistoryCopies.Copy::kind).as("every kind, twice")
                .containsExactly(CopyKind.IDENTICAL, CopyKind.MOVED_DAYS, CopyKind.MOVED_MONTHS,
                        CopyKind.OTHER_PARTITION, CopyKind.IDENTICAL, CopyKind.MOVED_DAYS, CopyKind.MOVED_MONTHS,
                        CopyKind.OTHER_PARTITION);
        List<HistoryCopies.Sent> sent = HistoryCopies.send(bootstrap, topic, copies, Instant.now().minusSeconds(60));
        jobs.run(spark, "bronze", bronze, false);
        jobs.run(spark, "silver", Map.of(), false);
        jobs.run(spark, "gold", Map.of(), false);

        CopyCheck check = new CopyCheck(spark, lake);
        assertThat(check.problems(sent)).as("each copy a duplicate of its original; Gold equal to Silver").isEmpty();

        // the same lake, checked as if the first copy's original had been another row
        HistoryCopies.Original real = sent.get(0).copy().original();
        HistoryCopies.Original other = originals.get(1);
        HistoryCopies.Original wrong = new HistoryCopies.Original(real.eventId(), other.topic(), other.partition(),
                other.offset(), real.key(), real.value(), real.headers());
        List<HistoryCopies.Sent> expectedWrongly = new ArrayList<>(sent);
        expectedWrongly.set(0, new HistoryCopies.Sent(new HistoryCopies.Copy(wrong, CopyKind.IDENTICAL,
                sent.get(0).copy().partition(), real.value()), topic, sent.get(0).offset()));
        List<String> problems = check.problems(expectedWrongly);
        assertThat(problems).as("the mismatch is reported, with where the copy went instead").hasSize(2);
        assertThat(problems.get(0)).isEqualTo("1 of 8 copies of history events are not in silver.orders_duplicates "
                + "naming their original");
        assertThat(problems.get(1)).contains("event " + real.eventId())
                .contains("a duplicate naming " + real.provenance() + " instead");
    }
}
