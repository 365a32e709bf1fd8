package org.lakehouse.producer.generate;

import java.util.Locale;

/**
 * What a generated record is. Valid kinds go to Silver and count in Gold; each fault kind goes to quarantine and
 * names the Silver rule that must catch it; a duplicate is counted, never stored twice.
 */
public enum RecordKind {
    VALID(Outcome.SILVER, null),
    /** Valid, with an event time 2 to 48 hours before it was sent; counts in Gold at its event hour. */
    LATE(Outcome.SILVER, null),
    /** Valid, with an event time 1 to 30 minutes before it was sent, so event times are not monotonic. */
    OUT_OF_ORDER(Outcome.SILVER, null),
    /** The exact key and value bytes of an earlier valid record, sent again (same event_id). */
    DUPLICATE(Outcome.DUPLICATE, null),
    /** Bytes that do not decode in the record's format (truncated, invalid UTF-8, not JSON). */
    MALFORMED(Outcome.QUARANTINE, "malformed"),
    /** One required field is absent (JSON) or null (Avro). */
    MISSING_FIELD(Outcome.QUARANTINE, "missing_required"),
    /** One field has a JSON type Spark cannot coerce (JSON only; in Avro these become MALFORMED). */
    WRONG_TYPE(Outcome.QUARANTINE, "wrong_type"),
    /** quantity is 0 or negative. */
    BAD_QUANTITY(Outcome.QUARANTINE, "non_positive_quantity"),
    /** unit_price is 0.00 or negative. */
    BAD_PRICE(Outcome.QUARANTINE, "non_positive_price"),
    /** city is not in the catalog, whatever its case or spacing. */
    UNKNOWN_CITY(Outcome.QUARANTINE, "unknown_city"),
    /** event_ts is 2 to 30 days after the record's Kafka timestamp (more than the 1-hour allowed skew). */
    FUTURE_TIME(Outcome.QUARANTINE, "future_event_time");

    private final Outcome outcome;
    private final String rule;

    RecordKind(Outcome outcome, String rule) {
        this.outcome = outcome;
        this.rule = rule;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The Silver data-quality rule that must quarantine this kind, or null for non-quarantine kinds. */
    public String rule() {
        return rule;
    }

    /** Whether a later DUPLICATE may copy a record of this kind. */
    public boolean canBeDuplicated() {
        return outcome == Outcome.SILVER;
    }

    /** The name used in manifests and flags: {@code out_of_order}, {@code missing_field}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
