package org.lakehouse.runner.daemon;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.launch.LaunchRequest;
import org.lakehouse.runner.launch.NoopLauncher;

/**
 * The real {@code noop} job under other names (bronze, silver, gold by default), recording every launch: lets
 * runner tests exercise routing, chaining and params checks without Spark.
 */
final class RecordingLauncher implements JobLauncher {
    final List<LaunchRequest> launches = new CopyOnWriteArrayList<>();
    private final NoopLauncher noop = new NoopLauncher(Clock.systemUTC());
    private final Set<String> jobs;

    RecordingLauncher(String... jobs) {
        this.jobs = Set.of(jobs.length == 0 ? new String[] {"bronze", "silver", "gold", "noop"} : jobs);
    }

    @Override
    public Set<String> jobs() {
        return jobs;
    }

    /** Like noop's, plus {@code rules}: a path param, as Silver's is, and {@code bootstrap}: brokers, as Bronze's. */
    @Override
    public Optional<String> checkParams(String job, Map<String, String> params) {
        Map<String, String> rest = new java.util.HashMap<>(params);
        rest.remove("rules");
        rest.remove("bootstrap");
        return noop.checkParams(job, rest);
    }

    @Override
    public Set<String> pathParams(String job) {
        return Set.of("rules");
    }

    @Override
    public Set<String> brokerParams(String job) {
        return Set.of("bootstrap");
    }

    @Override
    public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        launches.add(request);
        JobMetrics m = noop.launch(request);
        return new JobMetrics(request.job(), m.startedAt(), m.durationMs(), 1, 10, 10, Map.of("launches",
                (long) launches.size()), null, null);
    }

    long launchesOf(String job) {
        return launches.stream().filter(l -> l.job().equals(job)).count();
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
