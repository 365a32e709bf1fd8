package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jobs jar that spark-submit runs (built by the jobs module's package phase, before these tests): its main class,
 * what it carries beyond a Spark distribution, and that it does not carry Spark itself.
 */
class SparkSubmitJarTest {
    private static Path jar() throws IOException {
        Path target = LakehouseHome.detect().root().resolve("jobs").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("lakehouse-jobs-.*-spark\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no lakehouse-jobs-*-spark.jar in " + target
                            + ": build the jobs module (mvn -B package) before these tests"));
        }
    }

    @Test
    void carriesTheJobsAndWhatSparkLacksButNotSpark() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).as("Main-Class")
                    .isEqualTo("org.lakehouse.jobs.JobMain");
            for (String entry : List.of("org/lakehouse/jobs/JobMain.class",
                    "org/lakehouse/producer/manifest/Manifest.class",
                    "io/delta/sql/DeltaSparkSessionExtension.class",
                    "org/apache/spark/sql/kafka010/KafkaSourceProvider.class",
                    "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                    "lakehouse/spark.properties", "lakehouse/silver-rules.yaml", "schemas/order_event.avsc")) {
                assertThat(jar.getEntry(entry)).as("entry %s", entry).isNotNull();
            }
            assertThat(jar.getEntry("org/apache/spark/SparkContext.class")).as("Spark comes from the cluster")
                    .isNull();
            String services = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(services).as("data sources registered by the merged service file")
                    .contains("org.apache.spark.sql.kafka010.KafkaSourceProvider")
                    .contains("org.apache.spark.sql.delta.sources.DeltaDataSource")
                    .contains("org.apache.spark.sql.v2.avro.AvroDataSourceV2");
        }
    }
}
