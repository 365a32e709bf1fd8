package org.lakehouse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.lakehouse.jobs.core.LakeCatalog;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.SparkSessions;
import picocli.CommandLine;

/** One run of the real command line in this JVM, with its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(String... args) {
        return run(cli -> { }, args);
    }

    /** Runs with {@code setup} applied to the command line first (e.g. a wider help width). */
    static CliRun run(Consumer<CommandLine> setup, String... args) {
        CommandLine cli = LakehouseCli.commandLine();
        setup.accept(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Drops the lake's table registrations from the test JVM's shared session. An earlier test's registration
     * whose {@code @TempDir} is gone makes {@code LakeCatalog.register} fail on a lake that has the same table
     * (Delta cannot load the old folder to compare locations); dropping it is safe, as the tables are external.
     */
    static void forgetLakeTables(Path lakeWithNoTables) {
        LakeCatalog.register(SparkSessions.getOrCreate("cli-test"), new LakePaths(lakeWithNoTables));
    }

    /** For assertion messages. */
    String describe() {
        return "exit " + exitCode + "; stdout:\n" + out + "\nstderr:\n" + err;
    }
}
