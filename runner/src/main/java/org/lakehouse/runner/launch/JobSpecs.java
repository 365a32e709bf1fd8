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

/** The lake's jobs and their parameter declarations, shared by the launchers that run them. */
final class JobSpecs {
    private final JobRunner runner;

    JobSpecs(JobRunner runner) {
        this.runner = runner;
    }

    Set<String> names() {
        return new LinkedHashSet<>(runner.names());
    }

    Optional<String> checkParams(String job, Map<String, String> params) {
        try {
            JobParams.of(job, runner.job(job).params(), params);
            return Optional.empty();
        } catch (JobException e) {
            return Optional.of(e.getMessage());
        }
    }

    Set<String> pathParams(String job) {
        return runner.job(job).params().stream().filter(ParamSpec::isPath).map(ParamSpec::name)
                .collect(Collectors.toSet());
    }
}
