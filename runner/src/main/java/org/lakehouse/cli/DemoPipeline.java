package org.lakehouse.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.jobs.silver.SilverJob;
import org.lakehouse.producer.manifest.Manifest;

/**
 * The Spark half of {@code lakehouse demo}: Bronze (reset, since the demo's Kafka cluster is new and the old
 * checkpoint's offsets mean nothing to it), Silver and Gold in this process, then reconcile against the broker and
 * the manifest, and a short report.
 */
final class DemoPipeline {
    static final String QUERY_HINT =
            "./lakehouse query \"SELECT * FROM gold.revenue_by_city_hour ORDER BY hour_start LIMIT 10\"";

    private final LakePaths paths;
    private final PrintWriter out;

    DemoPipeline(LakePaths paths, PrintWriter out) {
        this.paths = paths;
        this.out = out;
    }

    /** Runs the jobs and reconcile, prints the report and returns reconcile's verdict. */
    ReconcileReport run(String bootstrap, String topic, Manifest manifest) {
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-demo");
        JobRunner runner = Jobs.runner(paths);
        out.println();
        out.println("Pipeline (Spark in this process, lake " + paths.dataDir() + "):");
        report(runner.run(spark, BronzeJob.NAME, Map.of("bootstrap", bootstrap, "topics", topic), true));
        report(runner.run(spark, SilverJob.NAME, Map.of(), false));
        report(runner.run(spark, GoldJob.NAME, Map.of(), false));

        out.println("Tables:");
        for (LakeTable t : LakeTable.values()) {
            if (paths.exists(t)) {
                long rows = spark.read().format("delta").load(paths.uri(t)).count();
                out.printf(Locale.ROOT, "  %-28s %,9d rows%n", t.qualifiedName(), rows);
            } else {
                out.printf(Locale.ROOT, "  %-28s   missing%n", t.qualifiedName());
            }
        }
        out.flush();

        ReconcileReport report = new Reconciler(spark, paths).run(Optional.of(bootstrap), Optional.of(manifest));
        out.println("Reconcile (Kafka, Bronze, Silver, Gold and the manifest):");
        report.render().lines().forEach(l -> out.println("  " + l));
        out.println();
        out.println("Query the tables:");
        out.println("  " + QUERY_HINT);
        out.flush();
        return report;
    }

    private void report(JobMetrics m) {
        out.printf(Locale.ROOT, "  %-7s %,9d rows in, %,9d out, %d batch(es), %.1f s%n", m.job(), m.rowsIn(),
                m.rowsOut(), m.batches(), m.durationMs() / 1000.0);
        out.flush();
    }
}
