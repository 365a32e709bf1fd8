package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;

class LakehouseCliTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        CliRun r = run("--help");
        assertThat(r.exitCode()).as("exit code of --help").isZero();
        for (String command : new String[] {"demo", "kafka", "produce", "runner", "trigger", "job", "query",
            "status", "reconcile", "bench"}) {
            assertThat(r.out()).as("help mentions %s", command).contains(command);
        }
        for (String available : new String[] {"job", "query", "reconcile", "runner", "trigger", "status"}) {
            assertThat(r.out().lines().filter(l -> l.strip().startsWith(available + " ")))
                    .as("%s is listed and no longer marked as planned", available)
                    .isNotEmpty().noneMatch(l -> l.contains("not yet available"));
        }
        assertThat(run("produce", "--help").out()).as("produce help shows effective defaults")
                .contains("--seed=<seed>").contains("(default: orders)").contains("--malformed-ratio");
    }

    @Test
    void exitCodesSeparateUsageErrorsFromFailures() {
        assertThat(run("produce", "--no-such-option").exitCode()).as("unknown option").isEqualTo(2);
        CliRun invalid = run("produce", "--count", "-3");
        assertThat(invalid.exitCode()).as("invalid value").isEqualTo(2);
        assertThat(invalid.err()).as("what, why, how").contains("count=-3").contains("cannot be negative")
                .contains("Pass --count");
    }

    /** Refused before any connection is tried: no broker runs at the default address in this test. */
    @Test
    void idempotenceBreakingOverridesAreRefused() {
        CliRun r = run("produce", "--producer-property", "acks=1", "--count", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("acks=1").contains("idempotence");
    }

    @Test
    void produceWritesTheManifestThroughTheCommandLine(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir.resolve("kafka")))) {
            Path manifest = dir.resolve("m.json");
            CliRun r = run("produce", "--bootstrap", broker.bootstrapServers(), "--topic", "cli-orders",
                    "--count", "2000", "--format", "avro", "--manifest", manifest.toString());
            assertThat(r.exitCode()).as("produce exit code; stderr: %s", r.err()).isZero();
            assertThat(r.out()).contains("Produced 2,000 records to topic 'cli-orders' (3 partitions)")
                    .contains("Manifest: " + manifest);
            assertThat(Files.exists(manifest)).isTrue();
            Manifest m = ManifestJson.read(manifest);
            assertThat(m.recordsSent()).isEqualTo(2000);
            assertThat(m.generation().format()).isEqualTo("avro");
            assertThat(m.recordsByKind().get("wrong_type")).as("Avro carries no wrong types").isZero();
        }
    }
}
