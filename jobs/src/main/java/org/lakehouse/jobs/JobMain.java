package org.lakehouse.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The main class spark-submit runs from the jobs jar: one job, then exit. The metrics go to stdout as JSON, and to
 * {@code --metrics-file} when given (written atomically), for the runner to record. Exit codes: 0 ok, 1 the run
 * failed, 2 bad arguments or config.
 */
@Command(name = "lakehouse-job", mixinStandardHelpOptions = true,
        description = "Runs one lakehouse job (bronze, silver, gold, maintenance) and exits.")
public final class JobMain implements Callable<Integer> {
    @Parameters(index = "0", description = "the job")
    String job;

    @Option(names = "--data-dir", description = "the lake's data directory (default: ${DEFAULT-VALUE})",
            defaultValue = "data")
    Path dataDir;

    @Option(names = "--param", description = "a job parameter KEY=VALUE, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--reset", description = "rebuild the job's tables and checkpoint (and those downstream) first")
    boolean reset;

    @Option(names = "--metrics-file", description = "where to write the run's metrics as JSON")
    Path metricsFile;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new JobMain());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof JobException je) {
                commandLine.getErr().println("lakehouse-job: " + je.getMessage());
                return je.invalidInput() ? 2 : 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-" + job);
        JobMetrics metrics = Jobs.runner(new LakePaths(dataDir)).run(spark, job, params, reset);
        String json = metrics.toJson();
        if (metricsFile != null) {
            Path tmp = metricsFile.resolveSibling(metricsFile.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, metricsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println(json);
        return 0;
    }

    static List<String> jobs() {
        return Jobs.all().stream().map(j -> j.name()).toList();
    }
}
