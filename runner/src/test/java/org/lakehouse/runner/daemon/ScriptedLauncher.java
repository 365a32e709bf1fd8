package org.lakehouse.runner.daemon;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.launch.LaunchRequest;

/** A launcher whose launches do what the test scripted, in order (success once the script is used up). */
final class ScriptedLauncher implements JobLauncher {
    /** One scripted launch outcome. */
    interface Step {
        JobMetrics run(LaunchRequest r) throws LaunchFailure;
    }

    static final Step SUCCEED = r -> new JobMetrics(r.job(), java.time.Instant.EPOCH, 1, 1, 1, 1, Map.of(), null,
            null);
    static final Step FAIL_RETRIABLE = r -> {
        throw new LaunchFailure("broker down", true, null);
    };

    final List<LaunchRequest> launches = new CopyOnWriteArrayList<>();
    private final Deque<Step> script = new ArrayDeque<>();

    ScriptedLauncher then(Step step) {
        script.add(step);
        return this;
    }

    @Override
    public Set<String> jobs() {
        return Set.of("bronze", "silver", "gold", "noop");
    }

    @Override
    public Optional<String> checkParams(String job, Map<String, String> params) {
        return Optional.empty();
    }

    @Override
    public synchronized JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        launches.add(request);
        Step step = script.isEmpty() ? SUCCEED : script.poll();
        return step.run(request);
    }

    @Override
    public void cancelAll() {
    }

    @Override
    public void close() {
    }

    /** Throws a checked exception the compiler does not see (as Scala code does: a SparkException). */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> JobMetrics sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
