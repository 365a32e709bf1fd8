package org.lakehouse.cli;

import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.kafka.EmbeddedKafkaException;
import org.lakehouse.producer.ProducerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code lakehouse} entry point. */
@Command(name = "lakehouse", mixinStandardHelpOptions = true, version = "lakehouse 0.1.0",
        description = {"Lakehouse Runner: Kafka → Spark → Delta Lake, with jobs launched by trigger files.",
            "Start with `lakehouse demo`. Every subcommand has --help."},
        subcommands = {DemoCommand.class, KafkaCommand.class, ProduceCommand.class, JobCommand.class,
            QueryCommand.class, ReconcileCommand.class, BenchCommand.class, RunnerCommand.class,
            TriggerCommand.class, StatusCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class LakehouseCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage error). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        LakehouseHome home = LakehouseHome.detect();
        CommandLine cli = new CommandLine(new LakehouseCli());
        ConfigDefaults producerDefaults = ConfigDefaults.load(home, "producer", ProducerDefaults.builtins());
        cli.getSubcommands().get("produce").setDefaultValueProvider(producerDefaults);
        cli.getSubcommands().get("demo").setDefaultValueProvider(producerDefaults);
        // the benchmark starts its own broker unless --bootstrap is given explicitly
        cli.getSubcommands().get("bench").getSubcommands().get("producer")
                .setDefaultValueProvider(producerDefaults.without("bootstrap"));
        JobsHelpSection.install(cli.getSubcommands().get("job"), Jobs.all());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ProducerException || ex instanceof CliException || ex instanceof EmbeddedKafkaException
                    || ex instanceof CliUsageException || ex instanceof JobException) {
                commandLine.getErr().println("lakehouse " + commandLine.getCommandName() + ": " + ex.getMessage());
                commandLine.getErr().flush();
                return usageError(ex) ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
            }
            throw ex;
        });
        return cli;
    }

    /** Exit 2 for a wrong call (fix the arguments), 1 for a failure of the run itself. */
    private static boolean usageError(Exception ex) {
        return ex instanceof CliUsageException
                || ex instanceof ProducerException pe && pe.invalidInput()
                || ex instanceof JobException je && je.invalidInput();
    }
}
