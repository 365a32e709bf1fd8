package org.lakehouse.runner.bench.freshness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the runner's continuous mode, in the benchmark: a thread of its own drops a Bronze trigger into
 * {@code incoming/} whenever none it dropped is waiting or running and Kafka's end offsets have grown since the last
 * one; it looks when a Bronze run ends, and otherwise every poll interval.
 *
 * <p>Threads: the feed's thread alone uses the Kafka consumer and writes triggers; the runner's job threads only
 * remove ended triggers from the concurrent outstanding set and release the wake-up permit.
 */
final class TriggerDroppingFeed implements BronzeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerDroppingFeed.class);

    private final Duration poll;
    private final Set<String> outstanding = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closed;
    private Thread thread;

    TriggerDroppingFeed(Duration poll) {
        this.poll = poll;
    }

    @Override
    public Map<String, String> runnerSettings() {
        return Map.of();
    }

    @Override
    public RunListener listener() {
        return new RunListener() {
            @Override
            public void finished(String runId, String job, List<String> triggerIds, boolean succeeded) {
                if (job.equals(BronzeJob.NAME)) {
                    outstanding.removeAll(triggerIds);
                    wake.release();
                }
            }
        };
    }

    @Override
    public void start(Path incoming, Map<String, String> bronzeParams) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(bronzeParams.get(BronzeJob.BOOTSTRAP.name()));
        List<TopicPartition> partitions = consumer.partitionsFor(bronzeParams.get(BronzeJob.TOPICS.name()),
                Duration.ofSeconds(30)).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        thread = new Thread(() -> {
            try (consumer) {
                feed(consumer, partitions, incoming, bronzeParams);
            }
        }, "bronze-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void feed(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Path incoming,
            Map<String, String> params) {
        long lastEnd = 0;
        long dropped = 0;
        while (!closed) {
            if (outstanding.isEmpty()) {
                try {
                    long end = consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                            .mapToLong(Long::longValue).sum();
                    if (end > lastEnd) {
                        String id = "feed-" + (dropped + 1);
                        outstanding.add(id);
                        TriggerWriter.write(incoming, new TriggerRequest(BronzeJob.NAME, id, params,
                                "bench:freshness", null));
                        dropped++;
                        lastEnd = end;
                    }
                } catch (IOException | RuntimeException e) {
                    outstanding.clear();
                    LOG.warn("Bronze feed: could not look at Kafka or drop a trigger ({}); trying again",
                            e.toString());
                }
            }
            try {
                if (wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("Bronze feed stopped after {} trigger(s)", dropped);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lakehouse-bench-bronze-feed");
        return new KafkaConsumer<>(props);
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
