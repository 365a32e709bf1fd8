package org.lakehouse.producer.generate;

import java.time.Instant;

/**
 * One record ready to send, with what it is and what it must become.
 *
 * @param seq         position in the stream, 0-based; unique per record, sent as the {@code seq} header
 * @param kind        what the record is
 * @param sendTime    simulated send time, used as the Kafka record timestamp
 * @param key         key bytes (the order id)
 * @param value       value bytes as they go on the wire
 * @param contentType {@code content-type} header
 * @param schema      {@code schema} header
 * @param expected    the Silver row it must become, or null when it must not reach Silver
 * @param duplicateOf seq of the record a DUPLICATE copies, or -1
 */
public record GeneratedRecord(long seq, RecordKind kind, Instant sendTime, byte[] key, byte[] value,
                              String contentType, String schema, ExpectedOrder expected, long duplicateOf) {
}
