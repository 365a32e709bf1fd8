package org.lakehouse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A subcommand whose implementation arrives with a later issue: it explains what it will do and exits 1, so a
 * script that calls it too early fails loudly instead of doing nothing.
 */
@Command(mixinStandardHelpOptions = true)
final class PlannedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    java.util.List<String> ignored;

    private final String purpose;

    PlannedCommand(String purpose) {
        this.purpose = purpose;
    }

    String purpose() {
        return purpose;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lakehouse " + spec.name() + ": not yet available. " + purpose);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
