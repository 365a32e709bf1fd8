package org.lakehouse.producer.event;

/** Names of the Kafka headers every record carries. Bronze keeps them; Silver reads the format from them. */
public final class EventHeaders {
    public static final String CONTENT_TYPE = "content-type";
    public static final String SCHEMA = "schema";
    public static final String PRODUCER = "producer";
    /** The record's position in the generated stream, 0-based and unique per record (duplicates get their own). */
    public static final String SEQ = "seq";

    private EventHeaders() {
    }
}
