package org.lakehouse.jobs.bench;

import java.util.List;

/** The median the benchmarks report: the middle value, or the mean of the middle two of an even count. */
public final class Median {
    private Median() {
    }

    /** The median of {@code values}; at least one is needed. */
    public static double of(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a median needs at least one value");
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
