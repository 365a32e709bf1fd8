package org.lakehouse.runner.console;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.launch.LaunchRequest;
import org.lakehouse.runner.launch.NoopLauncher;

/**
 * The real {@code noop} job under the lake's names (bronze, silver, gold, noop), reporting rows, quarantined rows and
 * duplicates, with silver's {@code rules} as a path param and bronze's {@code bootstrap} as brokers: the console's
 * endpoints without Spark.
 */
final class LakeNamedLauncher implements JobLauncher {
    private final NoopLauncher noop = new NoopLauncher(Clock.systemUTC());

    @Override
    public Set<String> jobs() {
        return Set.of("bronze", "silver", "gold", "noop");
    }

    @Override
    public Optional<String> checkParams(String job, Map<String, String> params) {
        Map<String, String> rest = new HashMap<>(params);
        rest.remove("rules");
        rest.remove("bootstrap");
        return noop.checkParams(job, rest);
    }

    @Override
    public Set<String> pathParams(String job) {
        return job.equals("silver") ? Set.of("rules") : Set.of();
    }

    @Override
    public Set<String> brokerParams(String job) {
        return job.equals("bronze") ? Set.of("bootstrap") : Set.of();
    }

    @Override
    public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        JobMetrics m = noop.launch(request);
        return new JobMetrics(request.job(), m.startedAt(), m.durationMs(), 1, 100, 90,
                Map.of("quarantine_rows", 7L, "duplicates", 3L), null, null);
    }

    @Override
    public void cancelAll() {
        noop.cancelAll();
    }

    @Override
    public void close() {
        noop.close();
    }
}
