package org.lakehouse.jobs.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Samples the used heap at a fixed interval on a daemon thread and keeps the largest sample: the heap a run
 * occupied at its peak, garbage not yet collected included. Thread-safety: the sampling thread and the caller
 * only meet in an {@link AtomicLong}; {@link #close()} is idempotent and takes a last sample.
 */
final class HeapSampler implements AutoCloseable {
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);

    private final LongSupplier usedBytes;
    private final ScheduledExecutorService executor;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HeapSampler(LongSupplier usedBytes) {
        this.usedBytes = usedBytes;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-heap-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling the JVM's used heap every {@code interval}. */
    static HeapSampler start(Duration interval) {
        return start(() -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), interval);
    }

    static HeapSampler start(LongSupplier usedBytes, Duration interval) {
        HeapSampler sampler = new HeapSampler(usedBytes);
        sampler.sample();
        sampler.executor.scheduleAtFixedRate(sampler::sample, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        peak.accumulateAndGet(usedBytes.getAsLong(), Math::max);
    }

    /** The largest sample so far, in bytes. */
    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
