package org.lakehouse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.lakehouse.jobs.bench.PipelineBenchmark;
import org.lakehouse.jobs.bench.PipelineBenchmarkResult;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench pipeline}: wall time of Bronze, Silver and Gold on one input, and the peak heap. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure the pipeline: wall time of one Bronze, Silver and Gold run each on a fresh lake, and the "
                + "largest used heap sampled (every 200 ms) while they ran.",
            "Prints: RESULT bronze_s=.. silver_s=.. gold_s=.. total_s=.. peak_heap_mb=.. on stdout, then reconciles "
                + "the lake against Kafka and the manifest (not timed) and prints reconcile=OK, or the differences "
                + "and exits 1, on stderr. The events (default faults) are produced first, not timed; a small "
                + "pipeline on another topic warms the session. Without --bootstrap it starts a throw-away "
                + "embedded broker."})
final class BenchPipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", description = "Records produced and run through the pipeline (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--bootstrap", description = "Use this broker instead of a throw-away embedded one; a fresh topic is created on it.")
    String bootstrap;

    @Option(names = "--data-dir", description = "New or empty folder for the benchmark's lakes, kept afterwards (default: a temporary folder, deleted).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new ParameterException(spec.commandLine(), "--events " + events + " must be at least 1.");
        }
        PipelineBenchmarkResult result;
        try (BenchCommand.Workspace ws = BenchCommand.Workspace.open(spec.commandLine(), bootstrap, dataDir)) {
            result = new PipelineBenchmark(SparkSessions.getOrCreate("lakehouse-bench"), ws.bootstrap(),
                    ws.dataDir(), events, Clock.systemUTC()).run();
        } catch (JobException e) {
            throw new CliException(e.getMessage(), e);
        }
        spec.commandLine().getOut().println(result.resultLine());
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        if (result.reconcile().ok()) {
            err.println("reconcile=OK");
        } else {
            err.print("reconcile=FAILED\n" + result.reconcile().render());
        }
        err.flush();
        return result.reconcile().ok() ? 0 : 1;
    }
}
