package org.lakehouse.jobs.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.lakehouse.jobs.reconcile.ReconcileReport;

/**
 * The measured rounds of a pipeline benchmark and whether the lakes they built reconcile. The figures reported are
 * the round with the median total time, whole (its stages add up to its total); beside a baseline, the median
 * total of each side and their ratio.
 *
 * @param events    records produced and read by each round's Bronze
 * @param rounds    the measured rounds, in order; at least one
 * @param textbook  the textbook pipeline's rounds, one per measured round; empty without that baseline
 * @param reconcile the first failed reconcile of a round, or the last round's (all passed)
 */
public record PipelineBenchmarkResult(long events, List<Round> rounds, List<Round> textbook,
        ReconcileReport reconcile) {
    public PipelineBenchmarkResult {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a benchmark result needs at least one round");
        }
        rounds = List.copyOf(rounds);
        textbook = List.copyOf(textbook);
        if (!textbook.isEmpty() && textbook.size() != rounds.size()) {
            throw new IllegalArgumentException("one textbook round per measured round is needed, got "
                    + textbook.size() + " and " + rounds.size());
        }
    }

    /** Ours alone, without a baseline. */
    public PipelineBenchmarkResult(long events, List<Round> rounds, ReconcileReport reconcile) {
        this(events, rounds, List.of(), reconcile);
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

    /** Median total of our rounds, in seconds. */
    public double oursSeconds() {
        return Median.of(rounds.stream().map(r -> seconds(r.total())).toList());
    }

    /** Median total of the textbook's rounds, in seconds; 0 without them. */
    public double textbookSeconds() {
        return textbook.isEmpty() ? 0 : Median.of(textbook.stream().map(r -> seconds(r.total())).toList());
    }

    /** Ours over the textbook's time: below 1 when ours is faster; 0 without textbook rounds. */
    public double ratio() {
        return textbookSeconds() <= 0 ? 0 : oursSeconds() / textbookSeconds();
    }

    /**
     * The one line the benchmark prints: the median round's figures, or beside the textbook both sides' median
     * totals and {@code ratio} = ours / textbook.
     */
    public String resultLine() {
        if (!textbook.isEmpty()) {
            return String.format(Locale.ROOT, "RESULT ours_s=%.1f textbook_s=%.1f ratio=%.3f", oursSeconds(),
                    textbookSeconds(), ratio());
        }
        return "RESULT " + median().figures();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
