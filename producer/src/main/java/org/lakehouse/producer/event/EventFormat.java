package org.lakehouse.producer.event;

import java.util.Locale;

/** A wire format of order events, named in the {@code content-type} header. */
public enum EventFormat {
    JSON("application/json"),
    AVRO("application/avro");

    private final String contentType;

    EventFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether this format can carry a value of the wrong type (Avro's binary encoding cannot). */
    public boolean canCarryWrongTypes() {
        return this == JSON;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
