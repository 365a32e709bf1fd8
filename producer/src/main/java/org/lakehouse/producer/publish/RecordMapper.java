package org.lakehouse.producer.publish;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.lakehouse.producer.event.EventHeaders;
import org.lakehouse.producer.generate.GeneratedRecord;

/** Turns a generated record into a Kafka record: key, value, simulated timestamp and the four headers. */
public final class RecordMapper {
    private final String topic;
    private final byte[] producerId;

    public RecordMapper(String topic, String producerId) {
        this.topic = topic;
        this.producerId = producerId.getBytes(UTF_8);
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(GeneratedRecord r) {
        List<Header> headers = List.of(
                new RecordHeader(EventHeaders.CONTENT_TYPE, r.contentType().getBytes(UTF_8)),
                new RecordHeader(EventHeaders.SCHEMA, r.schema().getBytes(UTF_8)),
                new RecordHeader(EventHeaders.PRODUCER, producerId),
                new RecordHeader(EventHeaders.SEQ, Long.toString(r.seq()).getBytes(UTF_8)));
        return new ProducerRecord<>(topic, null, r.sendTime().toEpochMilli(), r.key(), r.value(), headers);
    }
}
