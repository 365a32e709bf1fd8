package org.lakehouse.runner.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] sample) {
        this.sorted = sample.clone();
        Arrays.sort(this.sorted);
    }

    /** The smallest value with at least {@code p} percent of the sample at or below it. */
    public long at(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("empty sample");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
