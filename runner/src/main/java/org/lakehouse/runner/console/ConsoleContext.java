package org.lakehouse.runner.console;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.continuous.GoldFreshness;
import org.lakehouse.runner.continuous.LagWatch;
import org.lakehouse.runner.launch.JobLauncher;

/**
 * What the console reads from the runner that serves it: the settings (trigger root, data dir, the trigger switch),
 * the launcher (its jobs and param checks), the dispatcher's live queue and the pipeline's freshness figures. Plain
 * suppliers, so this package does not depend on the daemon.
 *
 * @param queued job → triggers waiting for their run
 * @param running job → the run id running now
 * @param kafkaLag bronze's Kafka backlog as last probed (null: no bronze job to probe for)
 * @param goldFreshness the newest event Gold counted, from the ledger
 */
public record ConsoleContext(RunnerConfig config, JobLauncher launcher, Supplier<Map<String, Integer>> queued,
        Supplier<Map<String, String>> running, Clock clock, Supplier<LagWatch.Snapshot> kafkaLag,
        GoldFreshness goldFreshness) {
    public ConsoleContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(kafkaLag, "kafkaLag");
        Objects.requireNonNull(goldFreshness, "goldFreshness");
    }

    /** Without a Kafka probe; Gold's freshness from {@code config}'s ledger. */
    public ConsoleContext(RunnerConfig config, JobLauncher launcher, Supplier<Map<String, Integer>> queued,
            Supplier<Map<String, String>> running, Clock clock) {
        this(config, launcher, queued, running, clock, () -> null, new GoldFreshness(
                org.lakehouse.runner.ledger.LedgerReader.file(config.ledger()), "gold"));
    }

    /** The newest event Gold counted, when a gold run reported one. */
    Optional<GoldFreshness.Newest> newestGoldEvent() throws java.io.IOException {
        return goldFreshness.newest();
    }
}
