package org.lakehouse.producer.publish;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.OrderGenerator;

/** A generated record and the Kafka record made from it, prepared ahead of sending. */
public record Outgoing(GeneratedRecord generated, ProducerRecord<byte[], byte[]> record) {

    /**
     * The whole stream of {@code generator}, generated, encoded and mapped on a prefetch thread. The producer and
     * its benchmark both send from this, so the benchmark measures exactly the producer's path.
     */
    public static Prefetcher<GeneratedRecord, Outgoing> prefetch(OrderGenerator generator, RecordMapper mapper,
                                                                 String threadName) {
        return new Prefetcher<>(generator.records(0), g -> new Outgoing(g, mapper.toProducerRecord(g)), threadName);
    }
}
