package org.lakehouse.runner.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lakehouse.jobs.core.JobMetrics;

/** Several launchers as one: each job goes to the first launcher that knows it. */
public final class RoutingLauncher implements JobLauncher {
    private final List<JobLauncher> launchers;
    private final Map<String, JobLauncher> byJob = new LinkedHashMap<>();

    public RoutingLauncher(List<JobLauncher> launchers) {
        this.launchers = List.copyOf(launchers);
        for (JobLauncher l : this.launchers) {
            l.jobs().forEach(j -> byJob.putIfAbsent(j, l));
        }
    }

    @Override
    public Set<String> jobs() {
        return byJob.keySet();
    }

    @Override
    public Optional<String> checkParams(String job, Map<String, String> params) {
        return byJob.get(job).checkParams(job, params);
    }

    @Override
    public Set<String> pathParams(String job) {
        return byJob.get(job).pathParams(job);
    }

    @Override
    public Set<String> brokerParams(String job) {
        return byJob.get(job).brokerParams(job);
    }

    @Override
    public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        return byJob.get(request.job()).launch(request);
    }

    @Override
    public void warmUp() {
        launchers.forEach(JobLauncher::warmUp);
    }

    @Override
    public void cancelAll() {
        launchers.forEach(JobLauncher::cancelAll);
    }

    @Override
    public void close() {
        launchers.forEach(JobLauncher::close);
    }
}
