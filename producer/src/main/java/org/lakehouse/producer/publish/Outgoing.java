package org.lakehouse.producer.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.lakehouse.producer.generate.GeneratedRecord;

/** A generated record and the Kafka record made from it, prepared ahead of sending. */
public record Outgoing(GeneratedRecord generated, ProducerRecord<byte[], byte[]> record) {
}
