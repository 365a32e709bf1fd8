package org.lakehouse.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.lakehouse.jobs.bench.BronzeBaseline;
import org.lakehouse.jobs.bench.BronzeBenchmark;
import org.lakehouse.jobs.bench.BronzeBenchmarkResult;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench bronze}: Bronze job throughput against a Kafka-read-only baseline, same run. */
@Command(name = "bronze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure the Bronze job: events/s of the real job (Kafka → Delta, fresh table and checkpoint each "
                + "round) against a baseline that reads the same topic with the same Kafka source options into "
                + "Spark's noop sink (or, with --baseline parquet, writes Bronze's rows as plain Parquet files).",
            "Prints: RESULT bronze_events_per_s=<n> noop_events_per_s=<m> ratio=<n/m>. The events are produced "
                + "once (not timed), small runs of each side (--warmup-runs) and --warmup-rounds full-size runs "
                + "of each warm the session, then rounds alternate the two sides; medians are reported. Without "
                + "--bootstrap it starts a throw-away embedded broker."})
final class BenchBronzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchCommand.JobBenchOptions options;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + BronzeBenchmark.DEFAULT_ROUNDS,
            description = "Measured rounds per side, after the warm-up rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--baseline", paramLabel = "SINK", defaultValue = "noop", converter = BaselineConverter.class,
            description = "What the Kafka read of the other side goes into: noop (Spark's noop sink, the rows "
                    + "dropped) or parquet (Bronze's rows as plain Parquet files, Spark's own file sink, no Delta). "
                    + "The RESULT line names it: noop_events_per_s or parquet_events_per_s (default: "
                    + "${DEFAULT-VALUE}).")
    BronzeBaseline baseline;

    /** noop / parquet in any case; anything else is a usage error that lists them. */
    static final class BaselineConverter extends NameConverter<BronzeBaseline> {
        @Override
        protected BronzeBaseline parse(String name) {
            return BronzeBaseline.fromCliName(name);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new CliUsageException("--rounds " + rounds + " is not allowed: it must be "
                    + "at least 1. Pass --rounds 3, for example.");
        }
        BronzeBenchmarkResult result;
        try (BenchCommand.Workspace ws = options.open()) {
            result = new BronzeBenchmark(SparkSessions.getOrCreate("lakehouse-bench"), options.config(ws), rounds,
                    baseline, Clock.systemUTC()).run();
        }
        spec.commandLine().getOut().println(result.resultLine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
