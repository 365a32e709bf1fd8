package org.lakehouse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.lakehouse.runner.bench.freshness.FreshnessBenchmark;
import org.lakehouse.runner.bench.freshness.FreshnessConfig;
import org.lakehouse.runner.bench.freshness.FreshnessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench freshness}: each valid order's time from its send to the first Gold commit counting it. */
@Command(name = "freshness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure freshness under a steady load: a runner in this JVM (warm session, fresh lake, "
            + "chaining bronze > silver > gold, Bronze run again as soon as Kafka has new offsets) while orders "
            + "(JSON, default faults) are sent at --rate for --duration; each valid order's latency is the time from "
            + "its send to the first Gold commit that counts it, computed after the run from the Delta logs, Gold's "
            + "checkpoint and the runner's ledger.",
            "Prints: RESULT freshness_p50_ms=.. p99_ms=.. events_per_s=.. gold_commits=.. on stdout; on stderr each "
                + "hop's share (bronze, silver, gold, and the waiting inside them), then reconcile=OK, or the "
                + "differences and exit 1. Without --bootstrap it starts a throw-away embedded broker."})
final class BenchFreshnessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rate", paramLabel = "PER_S", defaultValue = "" + (long) FreshnessConfig.DEFAULT_RATE,
            description = "Orders sent per second, faults included (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = ""
            + FreshnessConfig.DEFAULT_DURATION_SECONDS,
            description = "How long orders are sent, in seconds (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Use this broker instead of a throw-away embedded one; a fresh topic is created on it.")
    String bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "New or empty folder for the trigger root and the lake, kept afterwards (default: a "
                    + "temporary folder, deleted afterwards).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (!(rate > 0) || Double.isInfinite(rate) || durationSeconds < 1 || rate * durationSeconds < 1) {
            throw new CliUsageException("--rate and --duration must be positive and send at least one order (got "
                    + rate + " and " + durationSeconds + "). Pass --rate 2000 --duration 120, for example.");
        }
        FreshnessResult result;
        try (BenchCommand.Workspace ws = BenchCommand.Workspace.open(bootstrap, dataDir)) {
            FreshnessConfig config = new FreshnessConfig(ws.bootstrap(), ws.dataDir(), rate,
                    Duration.ofSeconds(durationSeconds), FreshnessConfig.DEFAULT_POLL,
                    FreshnessConfig.DEFAULT_DRAIN_TIMEOUT);
            result = new FreshnessBenchmark(config, Clock.systemUTC()).run();
        }
        spec.commandLine().getOut().println(result.resultLine());
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(result.hopsLine());
        err.println(result.waitingLine());
        err.println(result.ordersLine());
        if (!result.everyOrderMeasured()) {
            err.println("latencies=INCOMPLETE: some valid orders could not be followed to Gold, so the figures above "
                    + "leave them out");
        }
        if (result.reconcile().ok()) {
            err.println("reconcile=OK");
        } else {
            err.print("reconcile=FAILED: the benchmarked lake does not match its input, so the figures above "
                    + "measure a wrong pipeline\n" + result.reconcile().render());
        }
        err.flush();
        return result.ok() ? 0 : 1;
    }
}
