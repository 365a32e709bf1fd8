package org.lakehouse.producer.event;

import java.util.Objects;

/** A deliberate defect an encoder writes into an otherwise well-formed event. */
public sealed interface Distortion {
    /** No defect. */
    Distortion NONE = new None();

    record None() implements Distortion {
    }

    /** The field is left out of the record (JSON: absent; Avro: null). */
    record MissingField(EventField field) implements Distortion {
        public MissingField {
            Objects.requireNonNull(field, "field");
        }
    }

    /** The field holds a value of the wrong JSON type (a word where a number belongs, and so on). */
    record WrongType(EventField field) implements Distortion {
        public WrongType {
            Objects.requireNonNull(field, "field");
        }
    }
}
