package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.producer.OrderProducer;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;

/** One lake under a test's folder, fed from one topic of a shared broker: produce, run jobs, read tables, check. */
final class Lake {
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));

    final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");
    final LakePaths paths;
    final JobRunner runner;
    final String bootstrap;
    final String topic;

    Lake(Path dir, String bootstrap, String topic) {
        this.paths = new LakePaths(dir);
        this.runner = Jobs.runner(paths);
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    static GeneratorConfig generator(long seed, long count, EventFormat format) {
        return new GeneratorConfig(seed, count, START, Duration.ofHours(6), format, FaultRatios.DEFAULTS);
    }

    Manifest produce(GeneratorConfig generator, Path manifestFile) throws Exception {
        ProduceConfig config = ProduceConfig.of(bootstrap, generator).withTopic(topic).withManifest(manifestFile);
        ProduceResult result = new OrderProducer(config, p -> { }).run();
        assertThat(result.ok()).as("every send acknowledged: %s", result.summary()).isTrue();
        return ManifestJson.read(manifestFile);
    }

    JobMetrics run(String job, String... params) {
        Map<String, String> map = new HashMap<>();
        if (job.equals("bronze")) {
            map.put("bootstrap", bootstrap);
            map.put("topics", topic);
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return runner.run(spark, job, map, false);
    }

    void pipeline() {
        run("bronze");
        run("silver");
        run("gold");
    }

    Dataset<Row> table(LakeTable table) {
        return spark.read().format("delta").load(paths.uri(table));
    }

    long rows(LakeTable table) {
        return table(table).count();
    }

    ReconcileReport reconcile(Manifest manifest) {
        return new Reconciler(spark, paths).run(Optional.of(bootstrap), Optional.ofNullable(manifest));
    }

    /** Sums that must not move when nothing new arrives. */
    List<Object> fingerprint() {
        return List.of(rows(LakeTable.BRONZE_ORDERS_RAW), rows(LakeTable.SILVER_ORDERS),
                rows(LakeTable.SILVER_QUARANTINE), rows(LakeTable.SILVER_DUPLICATES),
                rows(LakeTable.GOLD_REVENUE_BY_CITY_HOUR), rows(LakeTable.GOLD_REVENUE_BY_PRODUCT_DAY),
                rows(LakeTable.GOLD_QUALITY_BY_HOUR),
                String.valueOf(table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR).agg(
                        org.apache.spark.sql.functions.sum("revenue")).first().get(0)),
                String.valueOf(table(LakeTable.GOLD_QUALITY_BY_HOUR).agg(
                        org.apache.spark.sql.functions.sum("bronze_rows")).first().get(0)));
    }
}
