package org.lakehouse.jobs.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.lakehouse.jobs.reconcile.ReconcileReport;

/**
 * The measured rounds of a pipeline benchmark and whether the lakes they built reconcile. The figures reported are
 * the round with the median total time, whole (its stages add up to its total).
 *
 * @param events    records produced and read by each round's Bronze
 * @param rounds    the measured rounds, in order; at least one
 * @param reconcile the first failed reconcile of a round, or the last round's (all passed)
 */
public record PipelineBenchmarkResult(long events, List<Round> rounds, ReconcileReport reconcile) {
    public PipelineBenchmarkResult {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a benchmark result needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    /**
     * Wall time of each stage of one pipeline run and the heap it peaked at.
     *
     * @param peakHeapBytes largest used heap sampled while the three ran
     */
    public record Round(Duration bronze, Duration silver, Duration gold, long peakHeapBytes) {
        public Duration total() {
            return bronze.plus(silver).plus(gold);
        }

        String figures() {
            return String.format(Locale.ROOT, "bronze_s=%.1f silver_s=%.1f gold_s=%.1f total_s=%.1f peak_heap_mb=%d",
                    seconds(bronze), seconds(silver), seconds(gold), seconds(total()), peakHeapBytes / (1024 * 1024));
        }
    }

    /** The round with the median total (the lower middle one of an even count). */
    public Round median() {
        List<Round> sorted = rounds.stream().sorted(Comparator.comparing(Round::total)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The one line the benchmark prints. */
    public String resultLine() {
        return "RESULT " + median().figures();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
