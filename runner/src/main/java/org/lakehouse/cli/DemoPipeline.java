package org.lakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.LakeCatalog;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/**
 * The Spark half of {@code lakehouse demo}, through the runner: Bronze's tables are reset (the demo's Kafka
 * cluster is new and the old checkpoint's offsets mean nothing to it), a runner starts in this process with
 * chaining bronze → silver → gold, one bronze trigger file is dropped, and when gold's chained run has answered,
 * the tables, Gold's top rows and reconcile against the broker and the manifest are printed.
 */
final class DemoPipeline {
    static final String QUERY_HINT =
            "./lakehouse query \"SELECT * FROM gold.revenue_by_city_hour ORDER BY hour_start LIMIT 10\"";
    static final String CHAIN = "bronze>silver,silver>gold";
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final DateTimeFormatter ID_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final RunnerConfig config;
    private final PrintWriter out;

    DemoPipeline(RunnerConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
    }

    /** What to do once the report is printed, while the runner (and its console) is still up. */
    interface AfterReport {
        AfterReport NOTHING = runner -> { };

        void accept(RunnerApp runner) throws InterruptedException;
    }

    /** Runs the pipeline through trigger files, prints the report and returns reconcile's verdict. */
    ReconcileReport run(String bootstrap, String topic, Manifest manifest) throws IOException, InterruptedException {
        return run(bootstrap, topic, manifest, AfterReport.NOTHING);
    }

    /** As {@link #run(String, String, Manifest)}, then {@code after} with the runner still up. */
    ReconcileReport run(String bootstrap, String topic, Manifest manifest, AfterReport after)
            throws IOException, InterruptedException {
        LakePaths paths = new LakePaths(config.dataDir());
        Jobs.runner(paths).reset(BronzeJob.NAME);
        CompletableFuture<String> done = new CompletableFuture<>();
        RunListener progress = new RunListener() {
            @Override
            public void started(String runId, String job, List<String> triggerIds, int attempt) {
                print(String.format(Locale.ROOT, "  %-7s started  (run %s, trigger %s)", job, runId,
                        String.join(",", triggerIds)));
            }

            @Override
            public void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
                if (!succeeded) {
                    done.complete(triggerIds.get(0));
                } else if (job.equals(GoldJob.NAME)) {
                    done.complete(triggerIds.get(0));
                }
            }
        };
        out.println();
        out.println("Pipeline through the runner (trigger root " + config.triggerRoot() + ", chain " + CHAIN + "):");
        out.flush();
        try (RunnerApp runner = RunnerCommand.start(config, progress)) {
            String id = "demo-" + ID_TS.format(Instant.now());
            TriggerWriter.write(config.incoming(), new TriggerRequest(BronzeJob.NAME, id,
                    Map.of("bootstrap", bootstrap, "topics", topic), "lakehouse demo", null));
            print("  bronze  trigger " + id + " written to incoming/");
            String last = awaitDone(done);
            ReconcileReport report = report(paths, bootstrap, manifest, last);
            after.accept(runner);
            return report;
        }
    }

    private String awaitDone(CompletableFuture<String> done) throws InterruptedException {
        try {
            return done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliException("The pipeline did not finish within " + TIMEOUT.toMinutes() + " minutes; see "
                    + "`./lakehouse status` and the log above.");
        } catch (ExecutionException e) {
            throw new CliException("The pipeline stopped: " + e.getCause());
        }
    }

    private ReconcileReport report(LakePaths paths, String bootstrap, Manifest manifest, String lastTrigger)
            throws IOException {
        Optional<RunResult> last = new ResultStore(config.results()).read(lastTrigger);
        last.ifPresent(r -> print("  " + r.job() + " " + r.status() + (r.error() != null ? ": " + r.error() : "")));
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-runner");
        LakeCatalog.register(spark, paths);
        out.println();
        out.println("Tables:");
        for (LakeTable t : LakeTable.values()) {
            if (paths.exists(t)) {
                long rows = spark.read().format("delta").load(paths.uri(t)).count();
                out.printf(Locale.ROOT, "  %-28s %,9d rows%n", t.qualifiedName(), rows);
            } else {
                out.printf(Locale.ROOT, "  %-28s   missing%n", t.qualifiedName());
            }
        }
        if (paths.exists(LakeTable.GOLD_REVENUE_BY_CITY_HOUR)) {
            out.println();
            out.println("Gold, top city hours by revenue:");
            QueryOutput.Text top = QueryOutput.collectText(spark.sql("SELECT city, hour_start, revenue, units, "
                    + "orders FROM gold.revenue_by_city_hour ORDER BY revenue DESC, city, hour_start"), 5);
            RowText.table(top.columns(), top.rows()).lines().forEach(l -> out.println("  " + l));
        }
        out.flush();
        ReconcileReport report = new Reconciler(spark, paths).run(Optional.of(bootstrap), Optional.of(manifest));
        out.println();
        out.println("Reconcile (Kafka, Bronze, Silver, Gold and the manifest):");
        report.render().lines().forEach(l -> out.println("  " + l));
        out.println();
        out.println("Query the tables:");
        out.println("  " + QUERY_HINT);
        out.println("See the runs:");
        out.println("  ./lakehouse status");
        out.flush();
        return report;
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }
}
