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

    /** The spark-submit entry point: runs the job, stops the session (a clean FINISHED for a launcher), exits. */
    public static void main(String[] args) {
        int code = run(args);
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }

    static int run(String... args) {
        JobMain main = new JobMain();
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            JobException je = ex instanceof JobException j ? j
                    : new JobException("Job " + main.job + " failed: " + ex, false, true, ex);
            commandLine.getErr().println("lakehouse-job: " + je.getMessage());
            main.writeError(je);
            return je.invalidInput() ? 2 : 1;
        });
        return cli.execute(args);
    }

    /**
     * With {@code --metrics-file F}, a failure is written to {@code F.error.json} ({@code message},
     * {@code invalid_input}, {@code retriable}), so a launcher on another host learns what failed and whether
     * trying again may help.
     */
    private void writeError(JobException e) {
        if (metricsFile == null) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("invalid_input", e.invalidInput());
        error.put("retriable", e.retriable());
        try {
            Path file = errorFile(metricsFile);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(error),
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException io) {
            System.err.println("lakehouse-job: cannot write the error file: " + io);
        }
    }

    /** Where a failure beside {@code metricsFile} is written. */
    public static Path errorFile(Path metricsFile) {
        return metricsFile.resolveSibling(metricsFile.getFileName() + ".error.json");
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
