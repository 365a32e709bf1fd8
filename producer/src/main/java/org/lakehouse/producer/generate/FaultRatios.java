package org.lakehouse.producer.generate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.lakehouse.producer.ProducerErrors;

/**
 * The share of records of each non-VALID kind, each in [0, 1], summing to at most 1; the rest is VALID.
 * Picking a kind from a uniform draw ({@link #picker()}) is a pure function, so generation stays deterministic.
 */
public record FaultRatios(Map<RecordKind, Double> ratios) {

    /** The defaults of {@code produce} and {@code demo}: about 10% faults of every kind, 90% valid. */
    public static final FaultRatios DEFAULTS = of(Map.of(
            RecordKind.LATE, 0.02,
            RecordKind.OUT_OF_ORDER, 0.03,
            RecordKind.DUPLICATE, 0.02,
            RecordKind.MALFORMED, 0.01,
            RecordKind.MISSING_FIELD, 0.01,
            RecordKind.WRONG_TYPE, 0.01,
            RecordKind.BAD_QUANTITY, 0.01,
            RecordKind.BAD_PRICE, 0.01,
            RecordKind.UNKNOWN_CITY, 0.01,
            RecordKind.FUTURE_TIME, 0.005));

    public static final FaultRatios NONE = of(Map.of());

    public FaultRatios {
        EnumMap<RecordKind, Double> copy = new EnumMap<>(RecordKind.class);
        double sum = 0;
        for (RecordKind kind : RecordKind.values()) {
            if (kind == RecordKind.VALID) {
                continue;
            }
            double r = ratios.getOrDefault(kind, 0.0);
            if (!(r >= 0 && r <= 1)) {
                throw ProducerErrors.invalidSetting(kind.key() + " ratio", r, "a ratio must be within [0, 1]",
                        "Pass a value such as 0.01 for 1%.");
            }
            copy.put(kind, r);
            sum += r;
        }
        if (ratios.containsKey(RecordKind.VALID)) {
            throw ProducerErrors.invalidSetting("valid ratio", ratios.get(RecordKind.VALID),
                    "the valid share is what the fault ratios leave", "Set only fault ratios.");
        }
        if (sum > 1 + 1e-9) {
            throw ProducerErrors.invalidSetting("fault ratios", String.format("sum %.4f", sum),
                    "fault ratios must add up to at most 1", "Lower some ratios.");
        }
        ratios = Collections.unmodifiableMap(copy);
    }

    public static FaultRatios of(Map<RecordKind, Double> ratios) {
        return new FaultRatios(ratios);
    }

    public double ratio(RecordKind kind) {
        return kind == RecordKind.VALID ? 1 - faultSum() : ratios.get(kind);
    }

    private double faultSum() {
        return ratios.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A picker of kinds for uniform draws, by these ratios. */
    public KindPicker picker() {
        return new KindPicker(this);
    }
}
