package org.lakehouse.runner.launch;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.core.JobErrors;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lake's jobs in one warm Spark session shared by all of them, which is what makes a trigger cost
 * milliseconds rather than a JVM start. Each job runs in its own FAIR scheduler pool (named after the job), so a
 * long Silver batch does not starve a Gold run. The session is built once, by {@link #warmUp()} or the first launch;
 * launches of different jobs may run concurrently.
 */
public final class InProcessLauncher extends LakeJobsLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessLauncher.class);
    static final String POOL = "spark.scheduler.pool";

    private final JobRunner runner;
    private SparkSession spark;
    /** Whether this launcher built the session (and so stops it), or found one the JVM already had. */
    private boolean ownSession;
    /** Set by {@link #cancelAll()}: a query stopped that way ends normally, but its run did not finish. */
    private volatile boolean cancelled;

    public InProcessLauncher(LakePaths paths) {
        this(Jobs.runner(paths));
    }

    private InProcessLauncher(JobRunner runner) {
        super(runner);
        this.runner = runner;
    }

    @Override
    public void warmUp() {
        session();
    }

    private synchronized SparkSession session() {
        if (spark == null) {
            long t0 = System.nanoTime();
            ownSession = SparkSession.getDefaultSession().isEmpty();
            spark = SparkSessions.getOrCreate("lakehouse-runner", Map.of("spark.scheduler.mode", "FAIR"));
            LOG.info("Spark session ready in {} ms (FAIR pools, one per job)", (System.nanoTime() - t0) / 1_000_000);
        }
        return spark;
    }

    @Override
    public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        SparkSession s = session();
        s.sparkContext().setLocalProperty(POOL, request.job());
        try {
            JobMetrics metrics = runner.run(s, request.job(), request.params(), false);
            if (cancelled) {
                throw new LaunchFailure("Job " + request.job() + " was stopped with the runner before it read all "
                        + "that was available; the next run resumes from its checkpoint.", true, null);
            }
            return metrics;
        } catch (JobException e) {
            throw new LaunchFailure(e.getMessage(), e.retriable(), e);
        } catch (RuntimeException e) {
            throw new LaunchFailure(JobErrors.queryFailed(request.job(), e).getMessage(), true, e);
        } finally {
            s.sparkContext().setLocalProperty(POOL, null);
        }
    }

    /** Stops the active streaming queries; each query's batch in flight is abandoned and replayed next time. */
    @Override
    public void cancelAll() {
        cancelled = true;
        SparkSession s;
        synchronized (this) {
            s = spark;
        }
        if (s == null) {
            return;
        }
        for (org.apache.spark.sql.streaming.StreamingQuery q : s.streams().active()) {
            try {
                LOG.warn("Stopping streaming query {} (the runner is stopping)", q.name());
                q.stop();
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("Streaming query {} did not stop in time: {}", q.name(), e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (spark != null && ownSession) {
            spark.stop();
        }
        spark = null;
    }
}
