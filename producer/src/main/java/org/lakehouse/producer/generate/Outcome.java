package org.lakehouse.producer.generate;

/** Where a record must end up after Silver: exactly one of these. */
public enum Outcome {
    SILVER, QUARANTINE, DUPLICATE
}
