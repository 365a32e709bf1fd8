package org.lakehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import org.lakehouse.runner.bench.LedgerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench ledger}: a runner's start and the first /runs page on a long run history. */
@Command(name = "ledger", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a temporary trigger root whose run ledger holds --entries lines, then time a runner's "
            + "start until it starts a waiting trigger's run, and the first page of /runs.",
            "Prints: RESULT startup_ms=.. runs_page_ms=.. entries=.."})
final class BenchLedgerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--entries", paramLabel = "N", defaultValue = "1000000",
            description = "Ledger lines in the history (default: ${DEFAULT-VALUE}).")
    long entries;

    @Override
    public Integer call() throws Exception {
        if (entries < 1) {
            throw new CliUsageException("--entries must be positive (got " + entries + ").");
        }
        Path dir = Files.createTempDirectory("lakehouse-bench-ledger");
        try {
            LedgerBenchmark.Result r = new LedgerBenchmark(dir, entries).run();
            spec.commandLine().getOut().println(r.resultLine());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }
}
