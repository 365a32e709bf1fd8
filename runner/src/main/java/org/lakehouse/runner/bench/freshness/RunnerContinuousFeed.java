package org.lakehouse.runner.bench.freshness;

import java.nio.file.Path;
import java.util.Map;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.runner.daemon.RunListener;

/**
 * Bronze fed by the runner itself: its {@code continuous} setting, with Kafka's end offsets polled every
 * {@code continuous-poll-ms}. The benchmark's first Bronze trigger carries the params the runner's continuous runs
 * keep using.
 */
final class RunnerContinuousFeed implements BronzeFeed {
    private final long pollMs;

    RunnerContinuousFeed(long pollMs) {
        this.pollMs = pollMs;
    }

    @Override
    public Map<String, String> runnerSettings() {
        return Map.of("continuous", BronzeJob.NAME, "continuous-poll-ms", Long.toString(pollMs));
    }

    @Override
    public RunListener listener() {
        return RunListener.NONE;
    }

    @Override
    public void start(Path incoming, Map<String, String> bronzeParams) {
    }

    @Override
    public void close() {
    }
}
