package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/**
 * kill -9 of real runner processes, with real Kafka, Spark and Delta, at three moments of one bronze trigger's
 * life: between claim and launch, during the run, and after its success was recorded but before the trigger was
 * deleted, with chaining bronze > silver > gold on. After the last restart: one effective bronze run, the chained
 * silver and gold once each (the chained trigger the crash lost is written again by the DUPLICATE answer), Bronze holds each (topic, partition, offset) once,
 * Silver each event_id once, Gold equals the manifest and a re-run leaves it unchanged.
 */
class CrashRecoveryTest {
    private static final int EVENTS = 4000;

    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    @Test
    void killedRunnersLoseNothingAndDoubleNothing(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath();
        Path root = home.resolve("triggers");
        Path lake = home.resolve("lake");
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(home.resolve("kafka")))) {
            String bootstrap = broker.bootstrapServers();
            Path manifestFile = home.resolve("m.json");
            CliRun produce = CliRun.run("produce", "--bootstrap", bootstrap, "--topic", "crash", "--count",
                    String.valueOf(EVENTS), "--manifest", manifestFile.toString());
            assertThat(produce.exitCode()).as(produce.describe()).isZero();
            Manifest manifest = ManifestJson.read(manifestFile);
            String[] runner = {"--trigger-root", root.toString(), "--set", "data-dir=" + lake, "--http-port", "-1",
                "--set", "rescan-interval-ms=500", "--set", "backoff-initial-ms=200",
                "--set", "chain=bronze>silver,silver>gold"};

            // 1. killed between claim and launch
            try (RunnerProcess p = RunnerProcess.start(home.resolve("1.log"), "after-claim", runner)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.isDirectory(root.resolve("incoming")));
                TriggerWriter.write(root.resolve("incoming"), TriggerRequest.of("bronze", "crash-bronze",
                        Map.of("bootstrap", bootstrap, "topics", "crash", "max_offsets_per_trigger", "400")));
                assertThat(p.waitFor(90)).as("halted after the claim; log:\n%s", p.log()).isEqualTo(137);
            }
            assertThat(claimed(root)).as("left in claimed/").hasSize(1);

            // 2. killed during the bronze run, after some batches committed
            try (RunnerProcess p = RunnerProcess.start(home.resolve("2.log"), null, runner)) {
                Path bronzeLog = lake.resolve(LakeTable.BRONZE_ORDERS_RAW.folder()).resolve("_delta_log");
                await().atMost(Duration.ofSeconds(180)).until(() -> commits(bronzeLog) >= 2);
                p.kill9();
            }
            assertThat(events(root, "bronze", LedgerEvent.SUCCEEDED)).as("killed before its end").isZero();

            // 3. killed after the success is in the ledger, before the result and the delete
            try (RunnerProcess p = RunnerProcess.start(home.resolve("3.log"), "after-success-recorded", runner)) {
                assertThat(p.waitFor(240)).as("halted after recording; log:\n%s", p.log()).isEqualTo(137);
            }
            assertThat(claimed(root)).as("still claimed").hasSize(1);

            // 4. a clean runner: the trigger answers DUPLICATE and re-creates the chained silver trigger the crash
            // lost; silver then gold run once each
            try (RunnerProcess p = RunnerProcess.start(home.resolve("4.log"), null, runner)) {
                ResultStore results = new ResultStore(root.resolve("results"));
                await().atMost(Duration.ofSeconds(120)).until(() -> results.read("crash-bronze").isPresent());
                assertThat(results.read("crash-bronze").get().status()).isEqualTo(ResultStatus.DUPLICATE);
                await().atMost(Duration.ofSeconds(360)).until(() -> events(root, "gold", LedgerEvent.SUCCEEDED) == 1);
                assertThat(events(root, "silver", LedgerEvent.SUCCEEDED)).as("the chained silver ran once")
                        .isEqualTo(1);

                SparkSession spark = SparkSessions.getOrCreate("cli-test");
                LakePaths paths = new LakePaths(lake);
                List<Row> goldBefore = gold(spark, paths);
                TriggerWriter.write(root.resolve("incoming"), TriggerRequest.of("gold", "crash-gold-2", Map.of()));
                await().atMost(Duration.ofSeconds(180)).until(() -> results.read("crash-gold-2").isPresent());
                assertThat(gold(spark, paths)).as("Gold unchanged by a re-run").isEqualTo(goldBefore);

                Dataset bronze = new Dataset(spark, paths, LakeTable.BRONZE_ORDERS_RAW);
                assertThat(bronze.count()).isEqualTo(EVENTS);
                assertThat(bronze.distinct("topic", "partition", "offset")).as("each Kafka record once")
                        .isEqualTo(EVENTS);
                Dataset silver = new Dataset(spark, paths, LakeTable.SILVER_ORDERS);
                assertThat(silver.distinct("event_id")).as("each event once").isEqualTo(silver.count());
                var report = new Reconciler(spark, paths).run(Optional.of(bootstrap), Optional.of(manifest));
                assertThat(report.ok()).as("reconcile:\n%s", report.render()).isTrue();
            }
            assertThat(events(root, "bronze", LedgerEvent.SUCCEEDED)).as("one effective bronze run").isEqualTo(1);
            assertThat(events(root, "bronze", LedgerEvent.ABANDONED)).as("the killed runs closed").isEqualTo(1);
            assertThat(events(root, "bronze", LedgerEvent.DUPLICATE)).isEqualTo(1);
            assertThat(events(root, "silver", LedgerEvent.STARTED)).as("silver started once").isEqualTo(1);
            assertThat(events(root, "gold", LedgerEvent.SUCCEEDED)).as("the chained gold and the re-run")
                    .isEqualTo(2);
        }
    }

    private record Dataset(SparkSession spark, LakePaths paths, LakeTable table) {
        long count() {
            return spark.read().format("delta").load(paths.uri(table)).count();
        }

        long distinct(String... columns) {
            return spark.read().format("delta").load(paths.uri(table)).selectExpr(columns).distinct().count();
        }
    }

    private static List<Row> gold(SparkSession spark, LakePaths paths) {
        return spark.read().format("delta").load(paths.uri(LakeTable.GOLD_REVENUE_BY_CITY_HOUR))
                .orderBy("city", "hour_start").collectAsList();
    }

    private static List<Path> claimed(Path root) throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("claimed"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".trigger")).toList();
        }
    }

    private static long commits(Path deltaLog) throws Exception {
        if (!Files.isDirectory(deltaLog)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(deltaLog)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    private static long events(Path root, String job, LedgerEvent event) throws Exception {
        List<LedgerEntry> entries = RunLedger.read(root.resolve("ledger").resolve(RunLedger.FILE));
        return entries.stream().filter(e -> e.event() == event && job.equals(e.job())).count();
    }
}
