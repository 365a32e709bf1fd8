package org.lakehouse.producer.publish;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.lakehouse.producer.event.EventHeaders;
import org.lakehouse.producer.generate.GeneratedRecord;

/**
 * Turns a generated record into a Kafka record: key, value, simulated timestamp and the four headers. The
 * {@code content-type}, {@code schema} and {@code producer} headers take one of a few values, so each value's
 * header is built once and shared by every record that carries it (Kafka only reads headers). Not thread-safe.
 */
public final class RecordMapper {
    private final String topic;
    private final Header producer;
    private final Map<String, Header> contentTypes = new HashMap<>();
    private final Map<String, Header> schemas = new HashMap<>();

    public RecordMapper(String topic, String producerId) {
        this.topic = topic;
        this.producer = new RecordHeader(EventHeaders.PRODUCER, producerId.getBytes(UTF_8));
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(GeneratedRecord r) {
        List<Header> headers = List.of(
                shared(contentTypes, EventHeaders.CONTENT_TYPE, r.contentType()),
                shared(schemas, EventHeaders.SCHEMA, r.schema()),
                producer,
                new RecordHeader(EventHeaders.SEQ, decimalAscii(r.seq())));
        return new ProducerRecord<>(topic, null, r.sendTime().toEpochMilli(), r.key(), r.value(), headers);
    }

    private static Header shared(Map<String, Header> byValue, String key, String value) {
        Header h = byValue.get(value);
        if (h == null) {
            h = new RecordHeader(key, value.getBytes(UTF_8));
            byValue.put(value, h);
        }
        return h;
    }

    /** {@code Long.toString(v)} as ASCII bytes, without the intermediate string. */
    static byte[] decimalAscii(long v) {
        if (v < 0) {
            return Long.toString(v).getBytes(UTF_8);
        }
        int n = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            n++;
        }
        byte[] out = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return out;
    }
}
