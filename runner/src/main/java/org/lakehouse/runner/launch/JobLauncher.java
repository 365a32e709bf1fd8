package org.lakehouse.runner.launch;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lakehouse.jobs.core.JobMetrics;

/**
 * Runs one job to completion somewhere: in this JVM's warm Spark session ({@link InProcessLauncher}) or, later, on
 * a cluster. Implementations must be safe for concurrent launches of different jobs; the runner never launches
 * the same job twice at once.
 */
public interface JobLauncher extends AutoCloseable {
    /** The jobs this launcher can run. */
    Set<String> jobs();

    /** Checks parameters against the job's allow-list: empty when fine, else what is wrong and how to fix it. */
    Optional<String> checkParams(String job, Map<String, String> params);

    /**
     * The job's params that name files (confined to the data root, and checked to be regular files, when they come
     * from a trigger).
     */
    default Set<String> pathParams(String job) {
        return Set.of();
    }

    /** The job's params that name Kafka brokers (held to {@code trigger-brokers} when they come from a trigger). */
    default Set<String> brokerParams(String job) {
        return Set.of();
    }

    /** Runs the job and returns its metrics, or throws saying whether trying again may help. */
    JobMetrics launch(LaunchRequest request) throws LaunchFailure;

    /** Prepares whatever makes the first launch fast (a Spark session). Called once, off the trigger path. */
    default void warmUp() {
    }

    /**
     * Stops every launch in progress as cleanly as the engine allows (a streaming query stopped between batches,
     * a cluster application killed); the interrupted launches throw. Used when the runner stops.
     */
    void cancelAll();

    @Override
    void close();
}
