package org.lakehouse.runner.console;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.launch.JobLauncher;

/**
 * What the console reads from the runner that serves it: the settings (trigger root, data dir, the trigger switch),
 * the launcher (its jobs and param checks) and the dispatcher's live queue. Plain suppliers, so this package does not
 * depend on the daemon.
 *
 * @param queued job → triggers waiting for their run
 * @param running job → the run id running now
 */
public record ConsoleContext(RunnerConfig config, JobLauncher launcher, Supplier<Map<String, Integer>> queued,
        Supplier<Map<String, String>> running, Clock clock) {
    public ConsoleContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(clock, "clock");
    }
}
