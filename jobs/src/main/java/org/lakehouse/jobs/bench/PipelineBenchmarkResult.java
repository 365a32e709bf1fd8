package org.lakehouse.jobs.bench;

import java.time.Duration;
import java.util.Locale;
import org.lakehouse.jobs.reconcile.ReconcileReport;

/**
 * Wall time of each stage of one pipeline run, the heap it peaked at, and whether the lake it built reconciles.
 *
 * @param events        records produced and read by Bronze
 * @param bronze        wall time of the Bronze run
 * @param silver        wall time of the Silver run
 * @param gold          wall time of the Gold run
 * @param peakHeapBytes largest used heap sampled while the three ran
 * @param reconcile     the lake checked against Kafka and the producer's manifest, after the timed part
 */
public record PipelineBenchmarkResult(long events, Duration bronze, Duration silver, Duration gold,
        long peakHeapBytes, ReconcileReport reconcile) {

    public Duration total() {
        return bronze.plus(silver).plus(gold);
    }

    /** The one line the benchmark prints. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT bronze_s=%.1f silver_s=%.1f gold_s=%.1f total_s=%.1f peak_heap_mb=%d",
                seconds(bronze), seconds(silver), seconds(gold), seconds(total()), peakHeapBytes / (1024 * 1024));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
