package org.lakehouse.runner.continuous;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.lakehouse.jobs.bronze.BronzeCheckpoint;
import org.lakehouse.jobs.core.BrokerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze's backlog: Kafka's first and end offsets of bronze's topics ({@code AdminClient.listOffsets}) against the
 * offsets bronze's checkpoint committed ({@link BronzeCheckpoint}, plain files). The checkpoint is read before Kafka
 * is asked, so a run committing in between can only make the backlog look smaller than it was, never invent one.
 *
 * <p>One admin client is kept between polls. Before one is made, each broker of {@code bootstrap} is tried with a
 * plain TCP connect: while no broker listens, the probe fails at once with one clear reason instead of a Kafka client
 * retrying (and logging) in the background. A failed request closes the client, so a broker that went away is met by
 * that connect again. A topic that does not exist yet has nothing to read.
 *
 * <p>Thread-safe: {@link #pending()} is synchronized (the poller and the console's figures share one probe).
 */
public final class KafkaInputProbe implements InputProbe {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaInputProbe.class);

    private static final String HOW = "bronze's bootstrap names it (runner setting "
            + "continuous.bronze.bootstrap=HOST:PORT, allowed by trigger-brokers).";

    private final Supplier<KafkaTarget> target;
    private final Path checkpoint;
    private final Duration timeout;
    private KafkaTarget current;
    private Admin admin;

    /**
     * @param target bronze's brokers and topics, looked up at every poll (they may follow bronze's last run)
     * @param checkpoint bronze's checkpoint folder
     * @param timeout the longest a poll may wait on Kafka
     */
    public KafkaInputProbe(Supplier<KafkaTarget> target, Path checkpoint, Duration timeout) {
        this.target = target;
        this.checkpoint = checkpoint;
        this.timeout = timeout;
    }

    @Override
    public synchronized String source() {
        return (current != null ? current : target.get()).toString();
    }

    @Override
    public synchronized Backlog pending() throws InputUnavailableException {
        KafkaTarget t = target.get();
        if (!t.equals(current)) {
            closeAdmin();
            current = t;
        }
        Map<TopicPartition, Long> committed;
        String checkpointId;
        try {
            checkpointId = BronzeCheckpoint.id(checkpoint).orElse(null);
            committed = BronzeCheckpoint.committed(checkpoint);
        } catch (IOException e) {
            throw new InputUnavailableException("bronze's checkpoint " + checkpoint + " cannot be read ("
                    + e.getMessage() + "). Check the folder's files and permissions.", e);
        }
        if (admin == null) {
            reachable(t);
            admin = Admin.create(properties(t));
        }
        try {
            List<TopicPartition> partitions = partitions(t.topics());
            Map<TopicPartition, Long> first = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
            List<PartitionLag> lags = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                Long c = committed.get(tp);
                long e = end.get(tp);
                long f = first.get(tp);
                long from = c == null || c == BronzeCheckpoint.EARLIEST ? f : c == BronzeCheckpoint.LATEST ? e
                        : Math.max(c, f);
                lags.add(new PartitionLag(tp.topic(), tp.partition(), c, from, e));
            }
            return new Backlog(checkpointId, lags);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            closeAdmin();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new InputUnavailableException(t + " did not answer within " + timeout.toMillis() + " ms ("
                    + cause + "). Check that the broker is up and that " + HOW, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputUnavailableException("interrupted while asking " + t, e);
        }
    }

    /** Fails at once, with the reason, when no broker of {@code t} accepts a TCP connection. */
    private void reachable(KafkaTarget t) throws InputUnavailableException {
        List<BrokerAddress> brokers;
        try {
            brokers = BrokerAddress.parseList(t.bootstrap());
        } catch (IllegalArgumentException e) {
            throw new InputUnavailableException(t + " is not a broker list (" + e.getMessage() + ")", e);
        }
        String why = "no broker";
        int connectMs = (int) Math.min(timeout.toMillis(), 2_000);
        for (BrokerAddress b : brokers) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(b.host(), b.port()), connectMs);
                return;
            } catch (IOException e) {
                why = b.host() + ":" + b.port() + ": " + e.getMessage();
            }
        }
        throw new InputUnavailableException("Kafka at " + t.bootstrap() + " is unreachable (" + why + "). Start the "
                + "broker (e.g. `lakehouse kafka`), or check that " + HOW);
    }

    private Properties properties(KafkaTarget t) {
        Properties p = new Properties();
        int ms = (int) timeout.toMillis();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, t.bootstrap());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "lakehouse-continuous");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(ms, 2_000));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(ms, 2_000));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return p;
    }

    /** Every partition of the topics that exist (a topic not created yet has nothing to read). */
    private List<TopicPartition> partitions(List<String> topics)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<TopicPartition> result = new ArrayList<>();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        for (String topic : topics) {
            try {
                TopicDescription d = described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                d.partitions().forEach(p -> result.add(new TopicPartition(topic, p.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                LOG.debug("Topic {} does not exist yet: nothing to read", topic);
            }
        }
        return result;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (request.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private void closeAdmin() {
        if (admin != null) {
            try {
                admin.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Closing the Kafka admin client: {}", e.toString());
            }
            admin = null;
        }
    }

    @Override
    public synchronized void close() {
        closeAdmin();
    }
}
