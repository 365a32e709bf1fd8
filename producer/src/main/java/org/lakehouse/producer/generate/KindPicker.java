package org.lakehouse.producer.generate;

/**
 * Picks a record kind from a uniform draw: fault kinds by cumulative share in declaration order, then VALID.
 * Precomputed from {@link FaultRatios} once, because the generator asks for every record. Immutable.
 */
public final class KindPicker {
    private final RecordKind[] kinds;
    private final double[] cumulative;

    KindPicker(FaultRatios ratios) {
        kinds = ratios.ratios().keySet().toArray(RecordKind[]::new);
        cumulative = new double[kinds.length];
        double sum = 0;
        for (int i = 0; i < kinds.length; i++) {
            sum += ratios.ratios().get(kinds[i]);
            cumulative[i] = sum;
        }
    }

    /** The kind a uniform draw in [0, 1) selects. */
    public RecordKind pick(double uniform) {
        for (int i = 0; i < cumulative.length; i++) {
            if (uniform < cumulative[i]) {
                return kinds[i];
            }
        }
        return RecordKind.VALID;
    }
}
