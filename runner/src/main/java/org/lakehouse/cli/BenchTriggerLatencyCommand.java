package org.lakehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import org.lakehouse.runner.bench.TriggerLatencyBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench trigger-latency}: rename-to-start latency of the trigger path, with a no-op job. */
@Command(name = "trigger-latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the trigger path: a runner with the no-op job on a temporary trigger root; the time "
            + "from a trigger's rename into incoming/ to the start of its run, for triggers paced at --rate, then "
            + "how many triggers per second a burst of the same size is answered at.",
            "With --runners N > 1, N runner processes share the root, as a fleet does.",
            "Prints: RESULT trigger_to_start_p50_ms=.. p99_ms=.. triggers_per_s=.. runners=N"})
final class BenchTriggerLatencyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--triggers", paramLabel = "N", defaultValue = "1000",
            description = "Triggers timed, and the size of the burst (default: ${DEFAULT-VALUE}).")
    int triggers;

    @Option(names = "--rate", paramLabel = "PER_S", defaultValue = "200",
            description = "Pace of the timed triggers, per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--runners", paramLabel = "N", defaultValue = "1",
            description = "Runners sharing the trigger root: 1 runs in this JVM, more run as processes of their "
                    + "own (default: ${DEFAULT-VALUE}).")
    int runners;

    @Override
    public Integer call() throws Exception {
        if (runners < 1 || runners > 8) {
            throw new CliUsageException("--runners must be from 1 to 8 (got " + runners + ").");
        }
        if (triggers < 1 || rate <= 0) {
            throw new CliUsageException("--triggers and --rate must be positive (got " + triggers + " and " + rate
                    + "). Pass --triggers 1000 --rate 200, for example.");
        }
        Path dir = Files.createTempDirectory("lakehouse-bench-trigger");
        try {
            TriggerLatencyBenchmark.Result r = new TriggerLatencyBenchmark(dir, triggers, rate, runners,
                    CliProcess.command()).run();
            spec.commandLine().getOut().println(r.resultLine());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }
}
