package org.lakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerRoot;
import org.lakehouse.runner.result.ErrorReport;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.trigger.TriggerParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse status}: what the trigger root and the run ledger say now: triggers waiting in
 * {@code incoming/}, claimed ones (queued or running, with their owner), recent runs and failed triggers.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the runner's queue, running jobs, recent runs with durations and metrics, and failed "
            + "triggers, read from the trigger root and its run ledger."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Ledger lines a status looks at, newest first. */
    static final int WINDOW = 20_000;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "How many recent runs to show (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    RunnerConfigOptions options;

    @Override
    public Integer call() throws IOException {
        RunnerConfig config = options.config();
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(config.triggerRoot())) {
            throw new CliException("The trigger root " + config.triggerRoot() + " does not exist: no runner has "
                    + "started there yet. Start one with `lakehouse runner`, or pass --trigger-root.");
        }
        out.println("Trigger root " + config.triggerRoot());
        out.println("Waiting in incoming/: " + config.root().waitingByJob());
        out.println("Claimed (queued or running): " + config.root().claimedByJob());
        // the newest lines only: a status costs the same however long the history is
        List<LedgerEntry> entries = new ArrayList<>(LedgerReader.newest(LedgerReader.file(config.ledger()), 0, WINDOW,
                e -> true, WINDOW));
        java.util.Collections.reverse(entries);
        out.println("Running: " + running(entries));
        out.println();
        out.println("Recent runs:");
        List<LedgerEntry> ends = entries.stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED
                || e.event() == LedgerEvent.FAILED || e.event() == LedgerEvent.DUPLICATE
                || e.event() == LedgerEvent.REJECTED).toList();
        if (ends.isEmpty()) {
            out.println("  (none)");
        }
        for (LedgerEntry e : ends.subList(Math.max(0, ends.size() - runs), ends.size())) {
            out.printf(Locale.ROOT, "  %s  %-10s %-9s %-36s %s%n", e.at(), e.event(), e.job(),
                    e.runId() != null ? e.runId() : "-", detail(e));
        }
        out.println();
        out.println("Failed triggers (failed/):");
        printFailed(config.root(), out);
        out.flush();
        return 0;
    }

    private static String detail(LedgerEntry e) {
        return switch (e.event()) {
            case SUCCEEDED -> String.format(Locale.ROOT, "%d ms, attempt %d, %d in / %d out, triggers %s",
                    e.durationMs(), e.attempt(), e.metrics() != null ? e.metrics().rowsIn() : 0,
                    e.metrics() != null ? e.metrics().rowsOut() : 0, e.triggerIds());
            case DUPLICATE -> "trigger " + e.triggerIds() + " already served by " + e.originalRunId();
            default -> "triggers " + e.triggerIds() + ": " + e.error();
        };
    }

    /** Runs whose last ledger line is STARTED or RETRYING. */
    private static Map<String, String> running(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> last = new LinkedHashMap<>();
        entries.stream().filter(e -> e.runId() != null).forEach(e -> last.put(e.runId(), e));
        Map<String, String> running = new TreeMap<>();
        last.values().stream().filter(e -> e.event() == LedgerEvent.STARTED || e.event() == LedgerEvent.RETRYING)
                .forEach(e -> running.put(e.runId(), e.job() + " attempt " + e.attempt() + " since " + e.at()));
        return running;
    }

    private static void printFailed(TriggerRoot root, PrintWriter out) throws IOException {
        List<Path> errors = new ArrayList<>(root.errorFiles());
        if (errors.isEmpty()) {
            out.println("  (none)");
        }
        errors.sort(null);
        for (Path p : errors) {
            ErrorReport r;
            try {
                r = ResultStore.JSON.readValue(BoundedFiles.read(p, 1 << 20), ErrorReport.class);
            } catch (IOException e) {
                out.printf(Locale.ROOT, "  %s: unreadable (%s)%n", LogSafe.text(p.getFileName().toString()),
                        LogSafe.text(e.getMessage()));
                continue;
            }
            out.printf(Locale.ROOT, "  %s  %s (%s, %s): %s%n", r.at(), LogSafe.text(r.triggerId()),
                    r.job(), r.kind(), LogSafe.text(r.error()));
        }
    }
}
