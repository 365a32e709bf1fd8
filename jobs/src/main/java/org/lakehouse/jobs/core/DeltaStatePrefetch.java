package org.lakehouse.jobs.core;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the state of a run's Delta tables in the background while the run's streaming query starts, so the first
 * write or scan of each table finds it ready.
 *
 * <p>*Why:* Delta 4.3.1 answers the idempotent-write check ({@code txnAppId} / {@code txnVersion}, used by every
 * Silver append and by Bronze's sink) from the snapshot's full state, which it reconstructs with two Spark jobs the
 * first time a snapshot is asked; its checksum file holds the same set transactions, but 4.3.1 has no path that reads
 * them from there. Scans need the same state to list their files. Done one after the other inside a micro-batch,
 * that is a few tenths of a second per table and write; started together while the query plans its first batch,
 * the jobs share the two cores with work that leaves them idle (planning runs on the driver).
 *
 * <p>A load that fails (a table being replaced, a log being cleaned up) is logged and ignored: the run that needs the
 * table then loads it itself and reports the error where it matters. {@link #close()} waits for every load, so no
 * Spark job of a run outlives the run. A table's state is built once: a write that needs it while its load runs
 * waits for that load (Delta builds it under the snapshot's lock).
 *
 * <p>Thread-safety: loads run on a pool of at most {@value #THREADS} daemon threads; Delta's log cache is shared and
 * thread-safe. {@link #awaitLoaded()} may be called from any thread, any number of times.
 */
public final class DeltaStatePrefetch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaStatePrefetch.class);

    /** Loads at once: more would only queue behind each other on two cores. */
    static final int THREADS = 3;

    private final ExecutorService pool;
    private final List<Future<?>> loads;

    private DeltaStatePrefetch(ExecutorService pool, List<Future<?>> loads) {
        this.pool = pool;
        this.loads = loads;
    }

    /** Starts loading the state of each of {@code tables} that exists; tables without a log are skipped. */
    public static DeltaStatePrefetch start(SparkSession spark, LakePaths paths, List<LakeTable> tables) {
        List<LakeTable> existing = tables.stream().distinct().filter(paths::exists).toList();
        if (existing.isEmpty()) {
            return new DeltaStatePrefetch(null, List.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, existing.size()),
                daemonThreads("delta-state-prefetch"));
        List<Future<?>> loads = new ArrayList<>();
        for (LakeTable table : existing) {
            loads.add(pool.submit(() -> load(spark, paths, table)));
        }
        pool.shutdown();
        return new DeltaStatePrefetch(pool, loads);
    }

    /** How many tables are being loaded. */
    public int size() {
        return loads.size();
    }

    /**
     * Blocks until every load has ended (returns at once once they have). A {@code foreachBatch} job calls it before
     * its batch's work: the loads then overlap the query's start, which runs on the driver, and never the batch's
     * tasks. *Why:* Spark schedules jobs first come, first served; loads still running when a large batch began
     * queued behind its tasks, and a 1 M-row Silver batch's parse took 2-3 s longer beside them.
     */
    public void awaitLoaded() {
        for (Future<?> load : loads) {
            try {
                load.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                return;
            } catch (ExecutionException e) {
                // load() catches what it can; anything else is as ignorable
                LOG.debug("Delta state prefetch failed", e.getCause());
            }
        }
    }

    /** {@link #awaitLoaded()}: no Spark job of the prefetch outlives the run. */
    @Override
    public void close() {
        awaitLoaded();
    }

    /**
     * {@code DESCRIBE DETAIL} reports the table's file count and size, which Delta takes from the snapshot's
     * reconstructed state: the public call that builds it.
     */
    private static void load(SparkSession spark, LakePaths paths, LakeTable table) {
        long started = System.nanoTime();
        try {
            DeltaTable.forPath(spark, paths.uri(table)).detail().collectAsList();
            LOG.debug("Delta state of {} loaded in {} ms", table.qualifiedName(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.debug("Delta state of {} not prefetched; the run loads it when it needs it", table.qualifiedName(),
                    e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
