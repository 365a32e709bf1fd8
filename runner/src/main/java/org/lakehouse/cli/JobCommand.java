package org.lakehouse.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobParams;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse job}: runs one job in this process and prints its metrics as JSON. The job's name and
 * parameters are checked before Spark starts, so a typo fails in a second, not after the session is up.
 */
@Command(name = "job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one Spark job in this process (the jobs and their parameters are listed below).",
            "Local Spark, Delta tables under --data-dir. The job reads what is new since its last run, prints its "
                + "metrics as JSON on stdout and exits."},
        footer = {"", "Examples:",
            "  lakehouse job bronze --param bootstrap=127.0.0.1:9092",
            "  lakehouse job silver",
            "  lakehouse job gold --reset"})
final class JobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", completionCandidates = JobNames.class,
            description = "The job: ${COMPLETION-CANDIDATES}.")
    String job;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A job parameter (repeatable); each job's parameters are listed below.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--reset", description = "Delete the job's tables and checkpoint, and those of every later job, "
            + "then rebuild them from the source (needed after a new Kafka cluster or a changed query).")
    boolean reset;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        JobRunner runner = Jobs.runner(dataDir.paths());
        Job selected = runner.job(job);
        JobParams.of(job, selected.params(), params);
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-" + job);
        JobMetrics metrics = runner.run(spark, job, params, reset);
        spec.commandLine().getOut().println(metrics.toJson());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The job names, in pipeline order, for the help text. */
    static final class JobNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Jobs.all().stream().map(Job::name).iterator();
        }
    }
}
