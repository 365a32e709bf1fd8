package org.lakehouse.kafka.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one KRaft node (broker and controller) in this JVM, the way {@code kafka.Kafka} does, and prints
 * {@value #READY_PREFIX}{@code <bootstrap>} on stdout once a client can talk to it.
 *
 * <p>Usage: {@code BrokerMain <server.properties>}. Storage is formatted first if a log directory has no
 * {@code meta.properties}. SIGTERM runs Kafka's controlled shutdown through a JVM shutdown hook. If the system
 * property {@value ParentWatch#PARENT_PID_PROPERTY} names a process, the broker also shuts down when that process
 * is gone, so a launcher killed with SIGKILL leaves no orphan behind.
 */
public final class BrokerMain {
    /** The line the launcher waits for; the bootstrap address follows it. Part of the launcher's protocol. */
    public static final String READY_PREFIX = "LAKEHOUSE-KAFKA-READY ";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);
    private static final String READY_TIMEOUT_PROPERTY = "lakehouse.broker.ready-timeout-ms";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: BrokerMain <server.properties>");
            Exit.exit(2);
            return;
        }
        Path propertiesFile = Path.of(args[0]).toAbsolutePath();
        KafkaRaftServer server;
        String bootstrap;
        try {
            Properties properties = load(propertiesFile);
            StorageFormat.formatIfNeeded(propertiesFile, properties);
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            bootstrap = ReadinessProbe.bootstrapOf(properties);
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (Exception | LinkageError e) {
            LOG.error("Cannot start the Kafka broker from {}: {}", propertiesFile, e.toString(), e);
            Exit.exit(1);
            return;
        }

        KafkaRaftServer running = server;
        Exit.addShutdownHook("kafka-shutdown-hook", running::shutdown);
        ParentWatch.startFromSystemProperty();
        try {
            long started = System.nanoTime();
            server.startup();
            ReadinessProbe.await(bootstrap, readyTimeout());
            LOG.info("Kafka broker ready on {} after {} ms", bootstrap, (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable e) {
            LOG.error("Kafka broker failed to start: {}", e.toString(), e);
            Exit.exit(1);
            return;
        }
        // The launcher reads this line from our stdout; it is the one thing this process prints there.
        System.out.println(READY_PREFIX + bootstrap);
        System.out.flush();

        server.awaitShutdown();
        LOG.info("Kafka broker stopped");
        Exit.exit(0);
    }

    private static Properties load(Path propertiesFile) throws IOException {
        if (!Files.isRegularFile(propertiesFile)) {
            throw new IOException("Broker properties file " + propertiesFile + " does not exist");
        }
        return Utils.loadProps(propertiesFile.toString());
    }

    private static Duration readyTimeout() {
        return Duration.ofMillis(Long.getLong(READY_TIMEOUT_PROPERTY, 60_000L));
    }
}
