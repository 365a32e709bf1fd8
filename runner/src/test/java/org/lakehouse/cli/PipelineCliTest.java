package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;

/** The whole pipeline through the command line alone: produce, bronze, silver, gold, reconcile, query. */
class PipelineCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    @Test
    void producedOrdersReconcileThroughTheCommandLine(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir.resolve("kafka")))) {
            String bootstrap = broker.bootstrapServers();
            String lake = dir.resolve("lake").toString();
            Path manifestFile = dir.resolve("m.json");
            CliRun produce = CliRun.run("produce", "--bootstrap", bootstrap, "--topic", "cli-pipeline",
                    "--count", "2000", "--manifest", manifestFile.toString());
            assertThat(produce.exitCode()).as("produce; %s", produce.describe()).isZero();
            Manifest manifest = ManifestJson.read(manifestFile);

            CliRun bronze = CliRun.run("job", "bronze", "--param", "bootstrap=" + bootstrap,
                    "--param", "topics=cli-pipeline", "--data-dir", lake);
            assertThat(bronze.exitCode()).as("bronze; %s", bronze.describe()).isZero();
            JsonNode metrics = JSON.readTree(bronze.out());
            assertThat(metrics.get("job").asText()).as("metrics JSON on stdout").isEqualTo("bronze");
            assertThat(metrics.get("rows_in").asLong()).as("bronze rows in").isEqualTo(2000);
            for (String job : new String[] {"silver", "gold"}) {
                CliRun r = CliRun.run("job", job, "--data-dir", lake);
                assertThat(r.exitCode()).as("%s; %s", job, r.describe()).isZero();
            }

            CliRun reconcile = CliRun.run("reconcile", "--manifest", manifestFile.toString(),
                    "--bootstrap", bootstrap, "--data-dir", lake);
            assertThat(reconcile.exitCode()).as("reconcile; %s", reconcile.describe()).isZero();
            assertThat(reconcile.out()).as("every check ran and passed")
                    .contains("checked: Kafka offsets = Bronze rows per partition")
                    .contains("checked: Silver and Gold = manifest").endsWith("OK\n");

            CliRun count = CliRun.run("query", "--format", "csv", "--data-dir", lake,
                    "SELECT count(*) AS n FROM silver.orders");
            assertThat(count.out()).as("query sees what the jobs wrote; %s", count.describe())
                    .isEqualTo("n\n" + manifest.expected().silverRows() + "\n");
        }
    }
}
