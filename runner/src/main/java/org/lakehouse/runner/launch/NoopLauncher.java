package org.lakehouse.runner.launch;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lakehouse.jobs.core.JobMetrics;

/**
 * The built-in {@code noop} job: does nothing, without Spark. It measures and monitors the trigger path itself
 * (the trigger-latency benchmark, a health probe, the Airflow tests). Params: {@code sleep_ms} (hold the run this
 * long), {@code fail} ({@code retriable} or {@code fatal}: fail every attempt that way).
 */
public final class NoopLauncher implements JobLauncher {
    public static final String JOB = "noop";
    private static final Set<String> PARAMS = Set.of("sleep_ms", "fail");

    /** A system property naming more jobs that behave as {@code noop} (e.g. to test chaining without Spark). */
    public static final String JOBS_PROPERTY = "lakehouse.noop.jobs";

    private final Clock clock;
    private final Set<String> jobs;
    private final CountDownLatch closed = new CountDownLatch(1);

    public NoopLauncher(Clock clock) {
        this(clock, Set.of(JOB));
    }

    /** A launcher serving {@code jobs}, each behaving as {@code noop}. */
    public NoopLauncher(Clock clock, Set<String> jobs) {
        this.clock = clock;
        this.jobs = Set.copyOf(jobs);
    }

    /** {@code noop} plus the jobs named in {@value #JOBS_PROPERTY} (comma-separated). */
    public static Set<String> jobsFromProperty() {
        Set<String> jobs = new java.util.TreeSet<>(Set.of(JOB));
        for (String j : System.getProperty(JOBS_PROPERTY, "").split(",")) {
            if (j.strip().matches("[a-z][a-z0-9_-]{0,63}")) {
                jobs.add(j.strip());
            }
        }
        return jobs;
    }

    @Override
    public Set<String> jobs() {
        return jobs;
    }

    @Override
    public Optional<String> checkParams(String job, Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!PARAMS.contains(e.getKey())) {
                return Optional.of("Job " + job + " has no parameter '" + e.getKey() + "'. Its parameters: fail, sleep_ms.");
            }
        }
        String sleep = params.get("sleep_ms");
        if (sleep != null && !sleep.matches("\\d{1,7}")) {
            return Optional.of("Job noop: parameter sleep_ms='" + sleep + "' must be a whole number of ms "
                    + "(at most 9999999).");
        }
        String fail = params.get("fail");
        if (fail != null && !fail.equals("retriable") && !fail.equals("fatal")) {
            return Optional.of("Job noop: parameter fail='" + fail + "' must be retriable or fatal.");
        }
        return Optional.empty();
    }

    @Override
    public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        Instant start = clock.instant();
        long sleepMs = Long.parseLong(request.params().getOrDefault("sleep_ms", "0"));
        if (sleepMs > 0) {
            try {
                if (closed.await(sleepMs, TimeUnit.MILLISECONDS)) {
                    throw new LaunchFailure("Job noop was cancelled (the runner is stopping).", true, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchFailure("Job noop was interrupted (the runner is stopping).", true, e);
            }
        }
        String fail = request.params().get("fail");
        if (fail != null) {
            throw new LaunchFailure("Job noop failed on purpose (fail=" + fail + ", attempt " + request.attempt()
                    + "). Drop the fail parameter to make it succeed.", fail.equals("retriable"), null);
        }
        long ms = clock.instant().toEpochMilli() - start.toEpochMilli();
        return new JobMetrics(request.job(), start, ms, 0, 0, 0, Map.of(), null, null);
    }

    @Override
    public void cancelAll() {
        closed.countDown();
    }

    @Override
    public void close() {
        cancelAll();
    }
}
