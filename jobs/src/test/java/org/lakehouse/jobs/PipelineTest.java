package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.manifest.Manifest;

/** Bronze → Silver → Gold on a real broker, real Spark and real Delta: Gold equals the producer's manifest. */
class PipelineTest {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void jsonWithEveryFaultKindMatchesTheManifest(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-json");
        Manifest manifest = lake.produce(Lake.generator(42, 10_000, EventFormat.JSON), dir.resolve("m.json"));
        JobMetrics bronze = lake.run("bronze");
        Set<Integer> blocksBefore = storedBlocks(lake);
        JobMetrics silver = lake.run("silver");
        assertThat(lake.spark.sharedState().cacheManager().isEmpty()).as("Silver leaves no cached plan").isTrue();
        assertThat(storedBlocks(lake)).as("Silver leaves no stored blocks behind (Delta's table state aside)")
                .isSubsetOf(blocksBefore);
        JobMetrics gold = lake.run("gold");

        assertThat(bronze.rowsIn()).as("bronze rows in").isEqualTo(10_000);
        assertThat(silver.counter("silver_rows")).as("silver rows").isEqualTo(manifest.expected().silverRows());
        assertThat(silver.counter("duplicates")).as("duplicates").isEqualTo(manifest.expected().duplicates());
        assertThat(silver.counter("quarantine_rows")).as("quarantined")
                .isEqualTo(manifest.expected().quarantineRows());
        assertThat(gold.counter("windows.quality_by_hour")).as("hours touched").isGreaterThan(0);
        ReconcileReport report = lake.reconcile(manifest);
        assertThat(report.differences()).as(report.render()).isEmpty();

        // replay: forget the last committed batch of every checkpoint and run again; nothing may change
        List<Object> before = lake.fingerprint();
        for (String job : List.of("bronze", "silver", "gold")) {
            forgetLastCommit(lake.paths.checkpoint(job));
        }
        lake.pipeline();
        assertThat(lake.fingerprint()).as("row counts and sums after replaying the last batches").isEqualTo(before);
        ReconcileReport again = lake.reconcile(manifest);
        assertThat(again.differences()).as(again.render()).isEmpty();

        // maintenance compacts and vacuums without changing a row, and the jobs carry on after it
        JobMetrics maintenance = lake.run("maintenance");
        assertThat(maintenance.rowsOut()).as("tables maintained").isEqualTo(7);
        assertThat(lake.fingerprint()).as("after OPTIMIZE and VACUUM").isEqualTo(before);
        lake.pipeline();
        assertThat(lake.fingerprint()).as("a run after maintenance with nothing new").isEqualTo(before);
    }

    /** Ids of the RDDs whose blocks Spark keeps, except Delta's cached table state. */
    static Set<Integer> storedBlocks(Lake lake) {
        return JavaSparkContext.fromSparkContext(lake.spark.sparkContext()).getPersistentRDDs().entrySet().stream()
                .filter(e -> e.getValue().name() == null || !e.getValue().name().startsWith("Delta Table State"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Deletes the newest {@code commits/N} file, as a crash after the batch's writes but before its commit would. */
    static void forgetLastCommit(Path checkpoint) throws IOException {
        try (Stream<Path> commits = Files.list(checkpoint.resolve("commits"))) {
            Path last = commits.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("no commit in " + checkpoint));
            Files.delete(last);
            Files.deleteIfExists(last.resolveSibling("." + last.getFileName() + ".crc"));
        }
    }

    @Test
    void avroMatchesTheManifest(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-avro");
        Manifest manifest = lake.produce(Lake.generator(7, 3_000, EventFormat.AVRO), dir.resolve("m.json"));
        lake.pipeline();
        ReconcileReport report = lake.reconcile(manifest);
        assertThat(report.differences()).as(report.render()).isEmpty();
        assertThat(lake.rows(LakeTable.SILVER_ORDERS)).isEqualTo(manifest.expected().silverRows());
    }
}
