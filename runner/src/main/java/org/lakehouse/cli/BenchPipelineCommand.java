package org.lakehouse.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lakehouse.jobs.bench.PipelineBaseline;
import org.lakehouse.jobs.bench.PipelineBenchmark;
import org.lakehouse.jobs.bench.PipelineBenchmarkResult;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench pipeline}: wall time of Bronze, Silver and Gold on one input, and the peak heap. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure the pipeline: wall time of Bronze, Silver and Gold on a fresh lake, and the largest used heap "
                + "sampled (every 200 ms) while they ran, over --rounds runs; the round with the median total is "
                + "printed.",
            "Prints: RESULT bronze_s=.. silver_s=.. gold_s=.. total_s=.. peak_heap_mb=.. on stdout, then reconciles "
                + "each round's lake against Kafka and the manifest (not timed) and prints reconcile=OK, or the differences "
                + "and exits 1, on stderr. The events (default faults) are produced first, not timed; a small "
                + "pipeline on another topic and lake warms the session, then --warmup-rounds full-size rounds, "
                + "not reported. Without --bootstrap it starts a throw-away embedded broker.",
            "With --baseline textbook every warm-up run and round also runs the pipeline as a Spark tutorial writes "
                + "it, on the same topic, at Spark's and Delta's defaults, and prints instead: "
                + "RESULT ours_s=.. textbook_s=.. ratio=.. (medians; ratio = ours / textbook)."})
final class BenchPipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchCommand.JobBenchOptions options;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + PipelineBenchmark.DEFAULT_ROUNDS,
            description = "Measured pipeline runs, each on a fresh lake, after the warm-up rounds; the round with the "
                    + "median total is printed (default: ${DEFAULT-VALUE}). --rounds 1 for a quick look; for a "
                    + "10 M run add --warmup-rounds 0.")
    int rounds;

    @Option(names = "--baseline", paramLabel = "PEER", converter = BaselineConverter.class,
            description = "Also run this peer in every round and compare: textbook (Kafka → from_json → Delta "
                    + "append; Silver and Gold recomputed in full and overwritten; Spark's and Delta's defaults). "
                    + "Default: none.")
    PipelineBaseline baseline;

    /** The baselines by name in any case; anything else is a usage error that lists them. */
    static final class BaselineConverter extends NameConverter<PipelineBaseline> {
        @Override
        protected PipelineBaseline parse(String name) {
            return PipelineBaseline.fromCliName(name);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new CliUsageException("--rounds " + rounds + " is not allowed: it must be at least 1. "
                    + "Pass --rounds 3, for example.");
        }
        PipelineBenchmarkResult result;
        try (BenchCommand.Workspace ws = options.open()) {
            result = new PipelineBenchmark(SparkSessions.getOrCreate("lakehouse-bench"), options.config(ws),
                    rounds, Optional.ofNullable(baseline), Clock.systemUTC()).run();
        }
        spec.commandLine().getOut().println(result.resultLine());
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        if (result.reconcile().ok()) {
            err.println("reconcile=OK");
        } else {
            err.print("reconcile=FAILED: the benchmarked lake does not match its input, so the figures above "
                    + "measure a wrong pipeline\n" + result.reconcile().render());
        }
        err.flush();
        return result.reconcile().ok() ? 0 : 1;
    }
}
