package org.lakehouse.runner.bench.freshness;

import java.nio.file.Path;
import java.util.Map;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.runner.daemon.RunListener;

/**
 * Bronze fed by the runner itself: its {@code continuous} setting, with Kafka's end offsets polled every
 * {@code continuous-poll-ms}, its continuous triggers carrying the benchmark's broker and topic
 * ({@code continuous.bronze.bootstrap}, {@code continuous.bronze.topics}), the params of the first Bronze trigger.
 */
final class RunnerContinuousFeed implements BronzeFeed {
    private final long pollMs;
    private final String bootstrap;
    private final String topic;

    RunnerContinuousFeed(long pollMs, String bootstrap, String topic) {
        this.pollMs = pollMs;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public Map<String, String> runnerSettings() {
        String prefix = "continuous." + BronzeJob.NAME + ".";
        return Map.of("continuous", BronzeJob.NAME, "continuous-poll-ms", Long.toString(pollMs),
                prefix + BronzeJob.BOOTSTRAP.name(), bootstrap, prefix + BronzeJob.TOPICS.name(), topic);
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
