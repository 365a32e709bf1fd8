package org.lakehouse.jobs.bench;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Sums the CPU time Spark's tasks report ({@code executorCpuTime}) while it is open: the work a run did on the
 * executor threads, whatever else the machine was running. *Why beside wall time:* on a shared two-core machine
 * another process can double a run's wall time; its task CPU time moves much less, so it tells a real change from
 * noise. Driver work (planning, Delta commits) and the JVM's own threads (JIT, GC) are not in it. Thread-safety: the
 * listener runs on Spark's listener bus, the caller reads an {@link AtomicLong} after waiting for the bus.
 */
public final class TaskCpu implements AutoCloseable {
    private final SparkSession spark;
    private final AtomicLong nanos = new AtomicLong();
    private final SparkListener listener = new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            if (taskEnd.taskMetrics() != null) {
                nanos.addAndGet(taskEnd.taskMetrics().executorCpuTime());
            }
        }
    };

    private TaskCpu(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(listener);
    }

    public static TaskCpu start(SparkSession spark) {
        return new TaskCpu(spark);
    }

    /** Task CPU seconds so far, once every event posted before this call has been delivered. */
    public double seconds() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain; task CPU time would be incomplete", e);
        }
        return nanos.get() / 1e9;
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(listener);
    }
}
