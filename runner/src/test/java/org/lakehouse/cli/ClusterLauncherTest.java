package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.runner.launch.ClusterLauncher;
import org.lakehouse.runner.launch.ClusterSettings;
import org.lakehouse.runner.launch.LaunchRequest;

/**
 * Silver through the cluster launcher on a real Spark standalone cluster (master and worker processes from the
 * Maven jars), beside the same Silver in-process on a copy of the same Bronze: the same tables and metrics.
 */
class ClusterLauncherTest {
    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    @Test
    void silverOnTheClusterEqualsSilverInProcess(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath();
        Path inProcess = home.resolve("lake-local");
        Path onCluster = home.resolve("lake-cluster");
        SparkSession spark = SparkSessions.getOrCreate("cli-test");
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(home.resolve("kafka")))) {
            CliRun produce = CliRun.run("produce", "--bootstrap", broker.bootstrapServers(), "--topic", "cluster",
                    "--count", "1500");
            assertThat(produce.exitCode()).as(produce.describe()).isZero();
            Map<String, String> bronze = Map.of("bootstrap", broker.bootstrapServers(), "topics", "cluster");
            Jobs.runner(new LakePaths(inProcess)).run(spark, "bronze", bronze, false);
            Jobs.runner(new LakePaths(onCluster)).run(spark, "bronze", bronze, false);
        }
        JobMetrics local = Jobs.runner(new LakePaths(inProcess)).run(spark, "silver", Map.of(), false);

        Path jobsJar;
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("lakehouse.root"), "jobs", "target"))) {
            jobsJar = jars.filter(p -> p.getFileName().toString().endsWith("-spark.jar")).findFirst().orElseThrow();
        }
        List<String> states = new CopyOnWriteArrayList<>();
        JobMetrics remote;
        try (StandaloneCluster cluster = StandaloneCluster.start(home.resolve("cluster"))) {
            ClusterLauncher launcher = new ClusterLauncher(new ClusterSettings(cluster.masterUrl(), cluster.sparkHome(),
                    jobsJar, "client", onCluster.toString(), home.resolve("runs"),
                    Path.of(System.getProperty("lakehouse.root"), "config", "jvm.options"),
                    Map.of("spark.executor.memory", "512m", "spark.cores.max", "1")));
            remote = launcher.launch(new LaunchRequest("silver-cluster-1", "silver", Map.of(), 1,
                    (appId, state) -> states.add(state)));
        }
        assertThat(states).as("application states seen").contains("FINISHED");
        assertThat(remote.rowsIn()).isEqualTo(local.rowsIn());
        assertThat(remote.rowsOut()).isEqualTo(local.rowsOut());
        assertThat(remote.counters()).isEqualTo(local.counters());
        for (LakeTable t : List.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE, LakeTable.SILVER_DUPLICATES)) {
            assertThat(rows(spark, onCluster, t)).as("%s on the cluster vs in-process", t.qualifiedName())
                    .isEqualTo(rows(spark, inProcess, t));
        }
    }

    private static List<Row> rows(SparkSession spark, Path lake, LakeTable table) {
        var df = spark.read().format("delta").load(new LakePaths(lake).uri(table));
        // everything but the wall-clock time each run stamps its rows with
        List<String> runTimes = List.of("processed_at", "quarantined_at", "detected_at");
        String[] kept = java.util.Arrays.stream(df.columns()).filter(c -> !runTimes.contains(c))
                .toArray(String[]::new);
        return df.selectExpr(kept).orderBy("topic", "partition", "offset").collectAsList();
    }
}
