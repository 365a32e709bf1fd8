package org.lakehouse.producer.event;

/**
 * Turns an event into value bytes. Implementations are not thread-safe: they reuse buffers, so each publishing
 * thread owns one.
 */
public interface EventEncoder {
    EventFormat format();

    /** The schema name sent in the {@code schema} header. */
    String schemaName();

    byte[] encode(OrderEvent event, Distortion distortion);

    static EventEncoder forFormat(EventFormat format) {
        return switch (format) {
            case JSON -> new JsonEventEncoder();
            case AVRO -> new AvroEventEncoder();
        };
    }
}
