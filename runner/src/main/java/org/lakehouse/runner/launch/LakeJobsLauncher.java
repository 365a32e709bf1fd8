package org.lakehouse.runner.launch;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.JobParams;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.ParamSpec;

/**
 * A launcher of the lake's jobs (bronze, silver, gold, maintenance), wherever they run: the jobs and their
 * parameter declarations come from the jobs module, the same for every engine.
 */
abstract class LakeJobsLauncher implements JobLauncher {
    private final JobRunner specs;

    LakeJobsLauncher(JobRunner specs) {
        this.specs = specs;
    }

    @Override
    public final Set<String> jobs() {
        return new LinkedHashSet<>(specs.names());
    }

    @Override
    public final Optional<String> checkParams(String job, Map<String, String> params) {
        try {
            JobParams.of(job, specs.job(job).params(), params);
            return Optional.empty();
        } catch (JobException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public final Set<String> pathParams(String job) {
        return specs.job(job).params().stream().filter(ParamSpec::isPath).map(ParamSpec::name)
                .collect(Collectors.toSet());
    }

    @Override
    public final Set<String> brokerParams(String job) {
        return specs.job(job).params().stream().filter(ParamSpec::isBrokers).map(ParamSpec::name)
                .collect(Collectors.toSet());
    }
}
