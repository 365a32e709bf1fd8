package org.lakehouse.producer.publish;

import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records through one idempotent Kafka producer, paced to a target rate, reporting progress, and flushing
 * before it returns. One thread calls {@link #send}; {@link #requestStop()} may be called from any thread (a
 * signal handler) and makes {@code send} stop taking new records, flush, and return a summary.
 */
public final class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final RatePacer pacer;
    private final Duration progressInterval;
    private final LongSupplier nanoTime;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final Callback callback = this::onCompletion;

    public Publisher(Properties kafkaProperties, RatePacer pacer, Duration progressInterval, LongSupplier nanoTime) {
        this.producer = new KafkaProducer<>(kafkaProperties);
        this.pacer = pacer;
        this.progressInterval = progressInterval;
        this.nanoTime = nanoTime;
    }

    /**
     * Sends every item (or until a stop is requested), then flushes.
     *
     * @param items      what to send
     * @param total      how many items there are, for progress (0 if unknown)
     * @param toRecord   turns an item into a Kafka record
     * @param beforeSend sees each item just before it is sent (the manifest builder)
     * @param progress   receives progress snapshots
     */
    public <T> PublishSummary send(Iterator<T> items, long total, Function<T, ProducerRecord<byte[], byte[]>> toRecord,
                                   Consumer<T> beforeSend, ProgressListener progress) {
        acked.set(0);
        failed.set(0);
        firstError.set(null);
        long start = nanoTime.getAsLong();
        long intervalNanos = progressInterval.toNanos();
        long nextProgress = start + intervalNanos;
        long sent = 0;
        while (items.hasNext() && !stopRequested.get()) {
            long wait = pacer.nanosUntilDue(sent, nanoTime.getAsLong() - start);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue; // re-check the stop flag after every wait
            }
            T item = items.next();
            beforeSend.accept(item);
            producer.send(toRecord.apply(item), callback);
            sent++;
            if ((sent & 0xFF) == 0) {
                long now = nanoTime.getAsLong();
                if (now >= nextProgress) {
                    progress.onProgress(snapshot(sent, total, now - start));
                    nextProgress = now + intervalNanos;
                }
            }
        }
        boolean stoppedEarly = items.hasNext();
        producer.flush();
        long elapsed = nanoTime.getAsLong() - start;
        progress.onProgress(snapshot(sent, total, elapsed));
        if (stoppedEarly) {
            LOG.info("Stop requested: sent {} of {} records, flushed", sent, total);
        }
        return new PublishSummary(sent, acked.get(), failed.get(), firstError.get(), Duration.ofNanos(elapsed),
                stoppedEarly);
    }

    /** Asks a running {@link #send} to stop after the record in hand; safe from any thread. */
    public void requestStop() {
        stopRequested.set(true);
    }

    private PublishProgress snapshot(long sent, long total, long elapsedNanos) {
        return new PublishProgress(sent, acked.get(), failed.get(), total, Duration.ofNanos(elapsedNanos));
    }

    private void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acked.incrementAndGet();
        } else {
            failed.incrementAndGet();
            if (firstError.compareAndSet(null, exception)) {
                LOG.error("Send failed after retries: {}", exception.toString());
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
