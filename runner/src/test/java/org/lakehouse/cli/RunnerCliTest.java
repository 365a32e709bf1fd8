package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.launch.NoopLauncher;

/** {@code runner}, {@code trigger} and {@code status} through the command line, against a real runner. */
class RunnerCliTest {
    @Test
    void triggerWaitsForTheResultAndStatusShowsTheRuns(@TempDir Path dir) throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        RunnerConfig config = RunnerConfig.from(dir, Map.of("trigger-root", root.toString(), "warm-up", "false",
                "http-port", "-1"));
        try (RunnerApp runner = RunnerApp.start(config, new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(),
                RunListener.NONE, true)) {
            CliRun ok = CliRun.run("trigger", "noop", "--id", "cli-ok", "--wait", "--trigger-root", root.toString());
            assertThat(ok.exitCode()).as("trigger --wait of a good run; %s", ok.describe()).isZero();
            assertThat(ok.out()).contains("\"status\" : \"SUCCEEDED\"").contains("\"trigger_id\" : \"cli-ok\"");

            CliRun again = CliRun.run("trigger", "noop", "--id", "cli-ok", "--wait", "--trigger-root",
                    root.toString());
            assertThat(again.exitCode()).as("the same id again; %s", again.describe()).isZero();
            assertThat(again.out()).contains("\"status\" : \"DUPLICATE\"");

            CliRun failed = CliRun.run("trigger", "noop", "--param", "fail=fatal", "--wait", "--trigger-root",
                    root.toString());
            assertThat(failed.exitCode()).as("a failing run; %s", failed.describe()).isEqualTo(1);
            assertThat(failed.err()).contains("failed on purpose");

            CliRun bad = CliRun.run("trigger", "noop", "--param", "nope=1", "--wait", "--trigger-root",
                    root.toString());
            assertThat(bad.exitCode()).as("a rejected trigger; %s", bad.describe()).isEqualTo(1);
            assertThat(bad.err()).contains("no parameter 'nope'");

            CliRun status = CliRun.run("status", "--trigger-root", root.toString());
            assertThat(status.exitCode()).as(status.describe()).isZero();
            assertThat(status.out()).contains("SUCCEEDED").contains("DUPLICATE").contains("FAILED")
                    .contains("REJECTED").contains("failed on purpose").contains("Failed triggers (failed/):");
        }
    }

    @Test
    void wrongCallsAreUsageErrorsAndABadRootAFailure(@TempDir Path dir) throws Exception {
        assertThat(CliRun.run("trigger", "Not!a-job").exitCode()).as("bad job name").isEqualTo(2);
        assertThat(CliRun.run("trigger", "noop", "--id", "../x").exitCode()).as("bad id").isEqualTo(2);
        assertThat(CliRun.run("runner", "--set", "max-attempts=0").exitCode()).as("bad setting").isEqualTo(2);
        CliRun noRoot = CliRun.run("trigger", "noop", "--trigger-root", dir.resolve("none").toString());
        assertThat(noRoot.exitCode()).isEqualTo(1);
        assertThat(noRoot.err()).contains("does not exist").contains("lakehouse runner");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun runner = CliRun.run("runner", "--trigger-root", file.toString());
        assertThat(runner.exitCode()).as(runner.describe()).isEqualTo(1);
        assertThat(runner.err()).contains("is not a directory");
    }
}
