package org.lakehouse.cli;

import java.util.concurrent.Callable;
import org.lakehouse.runner.bench.ColdJob;
import org.lakehouse.runner.bench.EmptyRunBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench empty-run}: a warm silver run with nothing new, beside a cold JVM running the same. */
@Command(name = "empty-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a warm empty run: --events orders through bronze and silver in a runner, then "
            + "silver triggers with nothing new, timed from the trigger's rename to the run's end (median), beside "
            + "the same silver job in a fresh JVM (JobMain, as spark-submit would run it), timed to its exit.",
            "Prints: RESULT empty_run_ms=.. cold_run_ms=.."})
final class BenchEmptyRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000",
            description = "Orders produced and run through bronze and silver before timing (default: "
                    + "${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Use this broker instead of a throw-away embedded one; a fresh topic is created on it.")
    String bootstrap;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Warm empty runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || events < 1) {
            throw new CliUsageException("--rounds and --events must be at least 1 (got " + rounds + " and " + events
                    + "). Pass --rounds 5 --events 10000, for example.");
        }
        EmptyRunBenchmark.Result r;
        try (BenchCommand.Workspace ws = BenchCommand.Workspace.open(bootstrap, null)) {
            ColdJob cold = new ColdJob(LakehouseHome.detect().config("jvm.options"),
                    System.getProperty("java.class.path"));
            r = new EmptyRunBenchmark(ws.bootstrap(), ws.dataDir(), events, rounds, cold).run();
        }
        spec.commandLine().getOut().println(r.resultLine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
