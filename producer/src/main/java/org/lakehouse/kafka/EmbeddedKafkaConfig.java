package org.lakehouse.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of one embedded broker. Storage goes to {@code dataDir/log}, the broker's own logs to
 * {@code dataDir/logs}, and its generated {@code server.properties} to {@code dataDir}.
 *
 * @param dataDir         the broker's directory; reused on restart, so a broker keeps its topics and cluster id
 * @param port            client (PLAINTEXT) port on 127.0.0.1; 0 picks a free port once, kept for restarts
 * @param controllerPort  KRaft controller port on 127.0.0.1; 0 picks a free port once, kept for restarts
 * @param partitions      {@code num.partitions}: partitions of topics created without an explicit count
 * @param startTimeout    how long {@link EmbeddedKafka#start} waits for the broker to report ready
 * @param maxHeap         the broker JVM's {@code -Xmx} value, such as {@code 512m}
 * @param jvmOptions      further options of the broker JVM; the defaults trade peak speed for a fast start
 * @param brokerOverrides extra or replaced {@code server.properties} entries; listeners, ports, node id and storage
 *                        paths are managed here and cannot be overridden
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        int port,
        int controllerPort,
        int partitions,
        Duration startTimeout,
        String maxHeap,
        List<String> jvmOptions,
        Map<String, String> brokerOverrides) {

    public static final int DEFAULT_PORT = 0;
    public static final int DEFAULT_PARTITIONS = 3;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_MAX_HEAP = "512m";
    /**
     * Serial GC and C1-only compilation: on two cores these start the broker about 0.7 s sooner and leave CPU to
     * Spark; a development broker's throughput does not need C2.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        requirePort("port", port);
        requirePort("controllerPort", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw BrokerErrors.invalidSetting("controllerPort", controllerPort, "it equals the client port",
                    "Give the controller its own port, or 0 to pick a free one.");
        }
        if (partitions < 1) {
            throw BrokerErrors.invalidSetting("partitions", partitions, "a topic needs at least one partition",
                    "Use 1 or more (default " + DEFAULT_PARTITIONS + ").");
        }
        if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
            throw BrokerErrors.invalidSetting("startTimeout", startTimeout, "it must be a positive duration",
                    "Use, for example, Duration.ofSeconds(60) (the default).");
        }
        if (maxHeap == null || !HEAP_SIZE.matcher(maxHeap).matches()) {
            throw BrokerErrors.invalidSetting("maxHeap", maxHeap, "it is not a JVM memory size",
                    "Use a size as -Xmx takes it, such as " + DEFAULT_MAX_HEAP + " or 1g.");
        }
        jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
        for (String option : jvmOptions) {
            if (option.isBlank() || option.startsWith("-Xmx") || option.equals("-cp") || option.equals("-classpath")) {
                throw BrokerErrors.invalidSetting("jvmOptions", jvmOptions,
                        "'" + option + "' is blank or conflicts with a managed option",
                        "Set the heap with maxHeap; the classpath is found by BrokerClasspath.");
            }
        }
        brokerOverrides = Map.copyOf(Objects.requireNonNull(brokerOverrides, "brokerOverrides"));
        for (String key : brokerOverrides.keySet()) {
            if (BrokerProperties.MANAGED_KEYS.contains(key)) {
                throw BrokerErrors.invalidSetting("brokerOverrides", key + "=" + brokerOverrides.get(key),
                        "'" + key + "' is derived from the ports and data dir",
                        "Set port, controllerPort or dataDir instead.");
            }
        }
    }

    /** The defaults for a broker in {@code dataDir}: free ports, 3 partitions, 60 s start timeout, 512 MB heap. */
    public static EmbeddedKafkaConfig defaults(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, DEFAULT_PORT, DEFAULT_PORT, DEFAULT_PARTITIONS, DEFAULT_START_TIMEOUT,
                DEFAULT_MAX_HEAP, DEFAULT_JVM_OPTIONS, Map.of());
    }

    public EmbeddedKafkaConfig withPort(int newPort) {
        return new EmbeddedKafkaConfig(dataDir, newPort, controllerPort, partitions, startTimeout, maxHeap,
                jvmOptions, brokerOverrides);
    }

    public EmbeddedKafkaConfig withControllerPort(int newControllerPort) {
        return new EmbeddedKafkaConfig(dataDir, port, newControllerPort, partitions, startTimeout, maxHeap,
                jvmOptions, brokerOverrides);
    }

    public EmbeddedKafkaConfig withPartitions(int newPartitions) {
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, newPartitions, startTimeout, maxHeap,
                jvmOptions, brokerOverrides);
    }

    public EmbeddedKafkaConfig withStartTimeout(Duration newStartTimeout) {
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, partitions, newStartTimeout, maxHeap,
                jvmOptions, brokerOverrides);
    }

    public EmbeddedKafkaConfig withMaxHeap(String newMaxHeap) {
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, partitions, startTimeout, newMaxHeap,
                jvmOptions, brokerOverrides);
    }

    public EmbeddedKafkaConfig withJvmOptions(List<String> newJvmOptions) {
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, partitions, startTimeout, maxHeap,
                newJvmOptions, brokerOverrides);
    }

    /** A copy with one more {@code server.properties} entry (replacing a default of the same key). */
    public EmbeddedKafkaConfig withBrokerOverride(String key, String value) {
        Map<String, String> overrides = new HashMap<>(brokerOverrides);
        overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, partitions, startTimeout, maxHeap,
                jvmOptions, overrides);
    }

    /** The broker's storage ({@code log.dirs}): topic partitions, the KRaft metadata log, {@code meta.properties}. */
    public Path storageDir() {
        return dataDir.resolve("log");
    }

    /** The broker JVM's own log files, {@code broker.log} among them. */
    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    /** The {@code server.properties} written before each start. */
    public Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    List<String> brokerJvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + maxHeap);
        options.addAll(jvmOptions);
        return options;
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw BrokerErrors.invalidSetting(name, value, "a TCP port is 1 to 65535",
                    "Use 0 to pick a free port, or a free port number.");
        }
    }
}
