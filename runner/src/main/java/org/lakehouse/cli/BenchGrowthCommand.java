package org.lakehouse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lakehouse.jobs.bench.PipelineBaseline;
import org.lakehouse.jobs.bench.growth.GrowthBenchmark;
import org.lakehouse.jobs.bench.growth.GrowthConfig;
import org.lakehouse.jobs.bench.growth.GrowthResult;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench growth}: a round of new events on a lake with a long history against an empty lake. */
@Command(name = "growth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure how a round of new events costs on a lake that already holds --history events (spread over "
                + "--span of event time) against the same round on an empty lake, both through our Bronze, Silver "
                + "and Gold in one JVM; 1 % of each round re-sends old history events (same event_id; identical, "
                + "moved days or months back, or through another partition).",
            "Prints: RESULT round_ms_empty=.. round_ms_history=.. ratio=.. (medians; ratio = history / empty); with "
                + "--baseline textbook also RESULT ours_round_ms=.. textbook_round_ms=.. speedup=.. (textbook / ours, "
                + "both on their history lakes). After every round, not timed, the history lake is checked (each "
                + "copy a duplicate naming its original, no event_id twice in Silver, Gold = Silver recomputed) "
                + "and the empty lake reconciled: checks=OK on stderr, or the problems and exit 1. The history "
                + "build is logged, not reported. Without --bootstrap it starts a throw-away embedded broker."})
final class BenchGrowthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--history", paramLabel = "N", defaultValue = "" + GrowthConfig.DEFAULT_HISTORY,
            description = "Events in the history lake before the first round (default: ${DEFAULT-VALUE}).")
    long history;

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + GrowthConfig.DEFAULT_EVENTS,
            description = "Records of each round, 1 % of them copies of history events (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + GrowthConfig.DEFAULT_ROUNDS,
            description = "Measured pairs of rounds (empty lake, history lake), after the warm-up rounds; medians "
                    + "are printed (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", paramLabel = "W", defaultValue = "" + GrowthConfig.DEFAULT_WARMUP_ROUNDS,
            description = "Pairs of rounds run first, logged and checked but not reported; 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--span", paramLabel = "DURATION", defaultValue = "P90D",
            description = "Event time the history is spread over, as ISO-8601: Silver holds a date partition per "
                    + "day of it (default: ${DEFAULT-VALUE}).")
    String span;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "" + GrowthConfig.DEFAULT_CHUNK,
            description = "History events per build step: the history is produced and run through Bronze, Silver "
                    + "and Gold in steps of this many, which bounds a build run's heap (default: ${DEFAULT-VALUE}).")
    long chunk;

    @Option(names = "--baseline", paramLabel = "PEER", converter = BenchPipelineCommand.BaselineConverter.class,
            description = "Also build this peer's lake from the same history and run it in every round: textbook "
                    + "(its Bronze appends the round; Silver and Gold recomputed in full). Default: none.")
    PipelineBaseline baseline;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Use this broker instead of a throw-away embedded one; fresh topics are created on it "
                    + "(the history topic with retention off).")
    String bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "New or empty folder for the benchmark's lakes, kept afterwards (default: a temporary "
                    + "folder, deleted afterwards).")
    Path dataDir;

    /** The options as a validated config; a bad value is a usage error that says how to fix it. */
    GrowthConfig config() {
        Duration spanDuration;
        try {
            spanDuration = Duration.parse(span);
        } catch (DateTimeParseException e) {
            throw new CliUsageException("--span " + span + " is not an ISO-8601 duration. Pass --span P90D, for "
                    + "example.");
        }
        try {
            return new GrowthConfig(history, events, rounds, warmupRounds, spanDuration, chunk,
                    Optional.ofNullable(baseline));
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        GrowthConfig config = config();
        GrowthResult result;
        try (BenchCommand.Workspace ws = BenchCommand.Workspace.open(bootstrap, dataDir)) {
            result = new GrowthBenchmark(SparkSessions.getOrCreate("lakehouse-bench"), ws.bootstrap(), ws.dataDir(),
                    config, Clock.systemUTC()).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        result.resultLines().forEach(out::println);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        if (result.ok()) {
            err.println("checks=OK");
        } else {
            err.println("checks=FAILED: the lakes do not keep the dedupe guarantee or do not reconcile, so the "
                    + "figures measure a wrong pipeline");
            result.problems().forEach(err::println);
        }
        err.flush();
        return result.ok() ? 0 : 1;
    }
}
