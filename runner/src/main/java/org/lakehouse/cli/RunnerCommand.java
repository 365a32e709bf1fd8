package org.lakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.daemon.RunnerException;
import org.lakehouse.runner.launch.ClusterLauncher;
import org.lakehouse.runner.launch.ClusterSettings;
import org.lakehouse.runner.launch.InProcessLauncher;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.NoopLauncher;
import org.lakehouse.runner.launch.RoutingLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakehouse runner}: the trigger-file runner daemon, until Ctrl-C or SIGTERM. */
@Command(name = "runner", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the trigger-file runner daemon until Ctrl-C or SIGTERM.",
            "Watches <trigger-root>/incoming, claims each trigger (<job>[.<anything>].trigger, empty or JSON), "
                + "runs the job in one warm Spark session, writes results/<id>.json and deletes the trigger. "
                + "Bad triggers go to failed/ with an error file. Protocol: runner/README.md."},
        footer = {"", "Examples:",
            "  lakehouse runner",
            "  lakehouse runner --set chain=bronze>silver,silver>gold",
            "  lakehouse runner --set continuous=bronze --set chain=bronze>silver,silver>gold   # Gold kept fresh",
            "  touch data/triggers/incoming/silver.trigger      # from another terminal"})
final class RunnerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private static JobLauncher lakeJobs(RunnerConfig config) {
        RunnerConfig.Cluster c = config.cluster();
        if (!c.enabled()) {
            return new InProcessLauncher(new LakePaths(config.dataDir()));
        }
        String home = !c.sparkHome().isEmpty() ? c.sparkHome() : System.getenv("SPARK_HOME");
        if (home == null || home.isBlank()) {
            throw new CliUsageException("launcher=cluster needs a Spark installation: set spark-home "
                    + "(--set spark-home=/opt/spark) or SPARK_HOME.");
        }
        if (!Files.isRegularFile(c.jobsJar())) {
            throw new CliUsageException("launcher=cluster needs the jobs jar " + c.jobsJar() + ", which does not "
                    + "exist: build it with `mvn -q -DskipTests package`, or set jobs-jar.");
        }
        return new ClusterLauncher(new ClusterSettings(c.master(), Path.of(home), c.jobsJar(), c.deployMode(),
                c.dataDir(), config.triggerRoot().resolve("cluster"), LakehouseHome.detect().config("jvm.options"),
                c.sparkConf()));
    }

    @Mixin
    RunnerConfigOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RunnerConfig config = options.config();
        PrintWriter out = spec.commandLine().getOut();
        try (RunnerApp runner = start(config, RunListener.NONE)) {
            StopSignals.install(runner::close);
            out.println("Runner " + runner.runnerId() + " watching " + config.incoming() + " (Ctrl-C stops it)"
                    + (runner.httpPort() >= 0 ? "; http://127.0.0.1:" + runner.httpPort() + "/health, console "
                            + "http://127.0.0.1:" + runner.httpPort() + "/console/" : ""));
            out.flush();
            runner.awaitStop();
        }
        return 0;
    }

    /**
     * A runner with the lake's jobs, in this JVM's warm session or on a cluster ({@code launcher=cluster}), plus
     * {@code noop}, with its HTTP face and fallbacks.
     */
    static RunnerApp start(RunnerConfig config, RunListener listener) throws IOException {
        JobLauncher launcher = new RoutingLauncher(List.of(lakeJobs(config), new NoopLauncher(Clock.systemUTC(),
                NoopLauncher.jobsFromProperty())));
        try {
            return RunnerApp.start(config, launcher, Clock.systemUTC(), listener, true);
        } catch (RunnerException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("The runner could not start: " + e.getMessage());
        }
    }
}
