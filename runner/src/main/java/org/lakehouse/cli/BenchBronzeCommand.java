package org.lakehouse.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.lakehouse.jobs.bench.BronzeBenchmark;
import org.lakehouse.jobs.bench.BronzeBenchmarkResult;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench bronze}: Bronze job throughput against a Kafka-read-only baseline, same run. */
@Command(name = "bronze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure the Bronze job: events/s of the real job (Kafka → Delta, fresh table and checkpoint each "
                + "round) against a baseline that reads the same topic with the same Kafka source options into "
                + "Spark's noop sink.",
            "Prints: RESULT bronze_events_per_s=<n> noop_events_per_s=<m> ratio=<n/m>. The events are produced "
                + "once (not timed), one small run of each side warms the session, then rounds alternate the two "
                + "sides; medians are reported. Without --bootstrap it starts a throw-away embedded broker."})
final class BenchBronzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", description = "Records produced and read by each run (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per side, after a warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--bootstrap", description = "Use this broker instead of a throw-away embedded one; a fresh topic is created on it.")
    String bootstrap;

    @Option(names = "--data-dir", description = "New or empty folder for the benchmark's lakes, kept afterwards (default: a temporary folder, deleted).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new ParameterException(spec.commandLine(), "--events " + events + " must be at least 1.");
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds " + rounds + " must be at least 1.");
        }
        BronzeBenchmarkResult result;
        try (BenchCommand.Workspace ws = BenchCommand.Workspace.open(spec.commandLine(), bootstrap, dataDir)) {
            result = new BronzeBenchmark(SparkSessions.getOrCreate("lakehouse-bench"), ws.bootstrap(), ws.dataDir(),
                    events, rounds, Clock.systemUTC()).run();
        } catch (JobException e) {
            throw new CliException(e.getMessage(), e);
        }
        spec.commandLine().getOut().println(result.resultLine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
