package org.lakehouse.jobs.bench.growth;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ScalaSeqs;
import org.lakehouse.producer.publish.KafkaSettings;

/**
 * The history events a round re-sends, and sending them. The originals are rows {@code silver.orders} keeps, with
 * their raw record from Bronze (key, value and headers, found by provenance), so a copy is what a producer retrying
 * long after the fact would send.
 */
final class HistoryCopies {
    private HistoryCopies() {
    }

    /** A row of the history's {@code silver.orders} and its raw record. */
    record Original(String eventId, String topic, int partition, long offset, byte[] key, byte[] value,
            List<Header> headers) {
        String provenance() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** One copy to send: its original, how it differs, where it goes. */
    record Copy(Original original, CopyKind kind, int partition, byte[] value) {
        static Copy of(Original original, CopyKind kind, int partitions) {
            return new Copy(original, kind, kind.partition(original.partition(), partitions),
                    kind.value(original.value()));
        }
    }

    /** A copy as it landed in the history's topic. */
    record Sent(Copy copy, String topic, long offset) {
        String provenance() {
            return topic + "-" + copy.partition() + "@" + offset;
        }
    }

    /**
     * Up to {@code count} distinct rows of the history's {@code silver.orders} with an event time before
     * {@code olderThan} (any time when there are none), picked at random with {@code seed}.
     */
    static List<Original> pick(SparkSession spark, LakePaths lake, int count, Instant olderThan, long seed) {
        Dataset<Row> orders = spark.read().format("delta").load(lake.uri(LakeTable.SILVER_ORDERS))
                .select("event_id", "topic", "partition", "offset", "event_ts");
        List<Original> old = originals(spark, lake,
                orders.where(col("event_ts").lt(lit(Timestamp.from(olderThan)))), count, seed);
        List<Original> picked = old.isEmpty() ? originals(spark, lake, orders, count, seed) : old;
        if (picked.isEmpty()) {
            throw new JobException("Benchmark input incomplete: the history lake's silver.orders holds no event to "
                    + "re-send, so the round could not check deduplication. Pass a larger --history (1000 or more).",
                    false, null);
        }
        return picked;
    }

    private static List<Original> originals(SparkSession spark, LakePaths lake, Dataset<Row> candidates, int count,
            long seed) {
        Dataset<Row> sample = candidates.orderBy(rand(seed)).limit(count);
        Dataset<Row> bronze = spark.read().format("delta").load(lake.uri(LakeTable.BRONZE_ORDERS_RAW))
                .select("topic", "partition", "offset", "key", "value", "headers");
        List<Original> out = new ArrayList<>();
        for (Row r : bronze.join(broadcast(sample), ScalaSeqs.of("topic", "partition", "offset"))
                .select("event_id", "topic", "partition", "offset", "key", "value", "headers").collectAsList()) {
            List<Header> headers = new ArrayList<>();
            for (Row h : r.<Row>getList(6)) {
                headers.add(new RecordHeader(h.getString(0), (byte[]) h.get(1)));
            }
            out.add(new Original(r.getString(0), r.getString(1), r.getInt(2), r.getLong(3), (byte[]) r.get(4),
                    (byte[]) r.get(5), List.copyOf(headers)));
        }
        return out;
    }

    /** Round {@code round}'s copies: the next {@code perRound} originals (again from the first when used up). */
    static List<Copy> forRound(List<Original> originals, int round, int perRound, int partitions) {
        List<Copy> copies = new ArrayList<>(perRound);
        for (int i = 0; i < perRound; i++) {
            Original original = originals.get(Math.floorMod((long) round * perRound + i, originals.size()));
            copies.add(Copy.of(original, CopyKind.forIndex(i), partitions));
        }
        return copies;
    }

    /**
     * Sends {@code copies} to {@code topic}, each into its partition with Kafka timestamp {@code at}, durably
     * (the producer's idempotent settings), and returns where each landed.
     */
    static List<Sent> send(String bootstrap, String topic, List<Copy> copies, Instant at) {
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaSettings.producerProperties(bootstrap, "lakehouse-bench-copies", Map.of()))) {
            for (Copy c : copies) {
                pending.add(producer.send(new ProducerRecord<>(topic, c.partition(), at.toEpochMilli(),
                        c.original().key(), c.value(), c.original().headers())));
            }
            producer.flush();
            List<Sent> sent = new ArrayList<>(copies.size());
            for (int i = 0; i < copies.size(); i++) {
                sent.add(new Sent(copies.get(i), topic, pending.get(i).get().offset()));
            }
            return sent;
        } catch (ExecutionException e) {
            throw new JobException("Benchmark input incomplete: Kafka at " + bootstrap + " refused a copy sent to "
                    + topic + " (" + e.getCause() + "). Check that the broker is up, then rerun.", false,
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException("Interrupted while sending the round's copies to " + topic, false, e);
        }
    }
}
