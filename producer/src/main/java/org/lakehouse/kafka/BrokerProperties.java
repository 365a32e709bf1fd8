package org.lakehouse.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Renders the {@code server.properties} of a single-node KRaft broker bound to 127.0.0.1. */
final class BrokerProperties {
    /** Keys derived from the ports and the data dir; overriding them would break the launcher's assumptions. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "listeners", "advertised.listeners", "controller.listener.names", "inter.broker.listener.name",
            "listener.security.protocol.map", "log.dirs", "log.dir", "metadata.log.dir");

    static final String HOST = "127.0.0.1";

    private BrokerProperties() {
    }

    static Map<String, String> render(EmbeddedKafkaConfig config, int port, int controllerPort) {
        Map<String, String> properties = new LinkedHashMap<>();
        // One node is both broker and controller; everything listens on loopback only.
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", config.storageDir().toString());

        // A single replica: internal topics cannot have more.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");

        // Fast start and small footprint on two cores: few internal partitions, few threads, a small cleaner buffer.
        properties.put("offsets.topic.num.partitions", "3");
        properties.put("transaction.state.log.num.partitions", "3");
        properties.put("share.coordinator.state.topic.num.partitions", "3");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "4");
        properties.put("num.recovery.threads.per.data.dir", "2");
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // After a crash the restarted controller refuses the broker's new registration until the old session
        // expires (default 9 s); a short session makes kill-then-restart take seconds, not twelve.
        properties.put("broker.session.timeout.ms", "3000");
        properties.put("broker.heartbeat.interval.ms", "500");

        // Topics are created on purpose, and a dev broker keeps everything: the producer stamps records with
        // simulated times that may be days old, which time-based retention would delete at once.
        properties.put("num.partitions", String.valueOf(config.partitions()));
        properties.put("auto.create.topics.enable", "false");
        properties.put("log.retention.ms", "-1");
        properties.put("log.retention.bytes", "-1");

        properties.putAll(new TreeMap<>(config.brokerOverrides()));
        return properties;
    }

    static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder(
                "# Written by org.lakehouse.kafka.EmbeddedKafka before every start; edits are overwritten.\n"
                        + "# Change EmbeddedKafkaConfig (brokerOverrides) instead.\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** java.util.Properties syntax: backslashes and line breaks must be escaped in values. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
