package org.lakehouse.producer.publish;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.OrderGenerator;

/**
 * A Kafka record prepared ahead of sending, with the chunk it was prepared in and its place there.
 *
 * @param record the Kafka record to send
 * @param chunk  the records prepared together with this one
 * @param index  this record's position in {@code chunk}
 */
public record Outgoing(ProducerRecord<byte[], byte[]> record, PreparedChunk chunk, int index) {

    /**
     * The whole stream of {@code generator}, generated, encoded, mapped and tallied into per-chunk manifests on a
     * prefetch thread. The producer and its benchmark both send from this, so the benchmark measures exactly the
     * producer's path; a {@link SentManifest} turns what was sent of it into the manifest.
     */
    public static Prefetcher<GeneratedRecord, Outgoing> prefetch(OrderGenerator generator, RecordMapper mapper,
                                                                 String threadName) {
        return new Prefetcher<>(generator.records(0), generated -> prepare(generated, mapper), threadName);
    }

    static List<Outgoing> prepare(List<GeneratedRecord> generated, RecordMapper mapper) {
        PreparedChunk chunk = PreparedChunk.of(generated);
        Outgoing[] out = new Outgoing[generated.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Outgoing(mapper.toProducerRecord(generated.get(i)), chunk, i);
        }
        return Arrays.asList(out);
    }
}
