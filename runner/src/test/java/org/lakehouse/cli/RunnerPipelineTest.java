package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/** The runner with real Kafka, real Spark and real Delta: one bronze trigger, chained to silver and gold. */
class RunnerPipelineTest {
    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    @Test
    void oneBronzeTriggerRunsThePipelineExactlyAgainstTheManifest(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath();
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(home.resolve("kafka")))) {
            String bootstrap = broker.bootstrapServers();
            Path manifestFile = home.resolve("m.json");
            CliRun produce = CliRun.run("produce", "--bootstrap", bootstrap, "--topic", "runner-pipeline",
                    "--count", "3000", "--manifest", manifestFile.toString());
            assertThat(produce.exitCode()).as(produce.describe()).isZero();
            Manifest manifest = ManifestJson.read(manifestFile);

            RunnerConfig config = RunnerConfig.from(home, Map.of("trigger-root", "triggers", "data-dir", "lake",
                    "chain", "bronze>silver,silver>gold", "warm-up", "false", "http-port", "-1"));
            LakePaths paths = new LakePaths(config.dataDir());
            try (RunnerApp runner = RunnerCommand.start(config, RunListener.NONE)) {
                Map<String, String> params = Map.of("bootstrap", bootstrap, "topics", "runner-pipeline");
                TriggerWriter.write(config.incoming(), TriggerRequest.of("bronze", "first", params));
                await().atMost(Duration.ofMinutes(5)).until(() -> succeeded(config, "gold") == 1);
                assertThat(List.of("bronze", "silver", "gold")).as("one successful run per job")
                        .allSatisfy(job -> assertThat(succeeded(config, job)).as(job).isEqualTo(1));

                SparkSession spark = SparkSessions.getOrCreate("cli-test");
                ReconcileReport report = new Reconciler(spark, paths).run(Optional.of(bootstrap),
                        Optional.of(manifest));
                assertThat(report.ok()).as("reconcile:\n%s", report.render()).isTrue();
                long silverRows = rows(spark, paths, LakeTable.SILVER_ORDERS);
                assertThat(silverRows).isEqualTo(manifest.expected().silverRows());

                TriggerWriter.write(config.incoming(), TriggerRequest.of("bronze", "second", params));
                await().atMost(Duration.ofMinutes(5)).until(() -> succeeded(config, "gold") == 2);
                assertThat(rows(spark, paths, LakeTable.BRONZE_ORDERS_RAW)).as("nothing new in Kafka, no new rows")
                        .isEqualTo(3000);
                assertThat(rows(spark, paths, LakeTable.SILVER_ORDERS)).isEqualTo(silverRows);
                assertThat(new Reconciler(spark, paths).run(Optional.of(bootstrap), Optional.of(manifest)).ok())
                        .isTrue();
            }
        }
    }

    private static long succeeded(RunnerConfig config, String job) throws Exception {
        return RunLedger.read(config.ledger().resolve(RunLedger.FILE)).stream()
                .filter(e -> e.event() == LedgerEvent.SUCCEEDED && e.job().equals(job)).count();
    }

    private static long rows(SparkSession spark, LakePaths paths, LakeTable table) {
        return spark.read().format("delta").load(paths.uri(table)).count();
    }

}
