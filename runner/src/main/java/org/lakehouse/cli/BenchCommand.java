package org.lakehouse.cli;

import picocli.CommandLine.Command;

/** {@code lakehouse bench}: the benchmarks; each subcommand prints one {@code RESULT ...} line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark. Each prints one line starting with RESULT; compare figures from one run.",
        subcommands = BenchProducerCommand.class)
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a benchmark: producer");
    }
}
