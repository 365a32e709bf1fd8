package org.lakehouse.producer.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.lakehouse.producer.ProducerErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the target topic when it is missing and reports its partition count. */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_S = 60;

    private TopicAdmin() {
    }

    /**
     * Ensures {@code topic} exists, creating it with {@code partitions} (replication factor: the broker default).
     *
     * @return the topic's actual partition count
     */
    public static int ensureTopic(String bootstrap, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S)))) {
            Optional<Integer> existing = describe(admin, topic);
            if (existing.isEmpty()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                            .all().get(TIMEOUT_S, TimeUnit.SECONDS);
                    LOG.info("Created topic {} with {} partitions on {}", topic, partitions, bootstrap);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                existing = awaitLeaders(admin, topic);
            } else if (existing.get() != partitions) {
                LOG.warn("Topic {} already exists with {} partitions, not the {} requested; using it as it is",
                        topic, existing.get(), partitions);
            }
            return existing.orElseThrow(() -> new IllegalStateException("the topic was created but its partitions "
                    + "had no leader after " + TIMEOUT_S + " s"));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw ProducerErrors.topicUnavailable(topic, bootstrap, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProducerErrors.topicUnavailable(topic, bootstrap, e);
        }
    }

    /**
     * A new topic's metadata reaches the broker's cache a moment after the create call returns: wait until it is
     * listed and every partition has a leader, so the first sends do not sit waiting for metadata.
     */
    private static Optional<Integer> awaitLeaders(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
                if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    awaitServing(admin, topic, d);
                    return Optional.of(d.partitions().size());
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Waits until each partition's leader answers for it: a ListOffsets request goes to the leader, and the admin
     * client retries it while the broker still replies NOT_LEADER_OR_FOLLOWER. *Why:* the metadata can name a leader
     * before that broker serves the partition; a producer's first batch then failed with NOT_LEADER_OR_FOLLOWER and,
     * with later batches already in flight, the idempotent producer was refused with OUT_OF_ORDER_SEQUENCE_NUMBER
     * until its records expired (seen once in a test run, on a topic created a moment before).
     */
    private static void awaitServing(Admin admin, String topic, TopicDescription d)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static Optional<Integer> describe(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            return Optional.of(d.get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
