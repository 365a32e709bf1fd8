package org.lakehouse.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker+controller) in its own JVM, bound to 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir))) {
 *     String bootstrap = kafka.bootstrapServers();   // 127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>Ports are fixed when the broker is first started (free ones are picked for port 0) and kept by
 * {@link #restart()}, which also reuses the data dir and so the topics, offsets and cluster id. {@link #kill()}
 * ends the JVM as a crash would; {@link #stop()} and {@link #close()} shut it down cleanly and are idempotent.
 *
 * <p>Thread-safe: lifecycle methods are synchronized on this instance. Brokers still running when this JVM exits are
 * stopped by a shutdown hook, and a broker whose launcher dies without running hooks stops itself.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String LOG4J_CONFIG = "lakehouse-broker-log4j2.properties";

    private final EmbeddedKafkaConfig config;
    private final BrokerClasspath classpath;
    private final int port;
    private final int controllerPort;
    /** Written under this instance's lock; volatile so {@link #isRunning()} need not wait for a stop in progress. */
    private volatile BrokerProcess process;

    private EmbeddedKafka(EmbeddedKafkaConfig config, BrokerClasspath classpath, int port, int controllerPort) {
        this.config = config;
        this.classpath = classpath;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker with the classpath found by {@link BrokerClasspath#locate()}; returns once it is ready. */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        return start(config, BrokerClasspath.locate());
    }

    /** Starts a broker from the given classpath; returns once clients can connect. */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config, BrokerClasspath classpath) {
        int port = config.port();
        int controllerPort = config.controllerPort();
        int[] picked = FreePorts.pick(2);
        if (port == 0) {
            port = picked[0] != controllerPort ? picked[0] : picked[1];
        }
        if (controllerPort == 0) {
            controllerPort = picked[1] != port ? picked[1] : picked[0];
        }
        EmbeddedKafka kafka = new EmbeddedKafka(config, classpath, port, controllerPort);
        kafka.launch();
        return kafka;
    }

    /** {@code 127.0.0.1:<port>}; the same before and after a restart. */
    public String bootstrapServers() {
        return BrokerProperties.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    public boolean isRunning() {
        BrokerProcess current = process;
        return current != null && current.isAlive();
    }

    /** Starts the broker again on the same data dir and ports; stops it first if it is running. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Shuts the broker down cleanly (SIGTERM, up to 30 s, then SIGKILL). Does nothing if it is not running. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.stop(STOP_GRACE);
        } finally {
            OrphanGuard.unregister(process);
            process = null;
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would; {@link #restart()} brings it back. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        LOG.info("Killing Kafka broker (pid {}) on {}", process.pid(), bootstrapServers());
        try {
            process.kill();
        } finally {
            OrphanGuard.unregister(process);
            process = null;
        }
    }

    /** Blocks until the current broker process ends, for a command that runs until the broker is stopped. */
    public void awaitExit() throws InterruptedException {
        BrokerProcess current = process;
        if (current != null) {
            current.awaitExit();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void launch() {
        requireFree("client", port);
        requireFree("controller", controllerPort);
        try {
            Files.createDirectories(config.storageDir());
            Files.createDirectories(config.logsDir());
            BrokerProperties.write(config.propertiesFile(), BrokerProperties.render(config, port, controllerPort));
        } catch (IOException e) {
            throw BrokerErrors.dataDirUnusable(config.dataDir(), e);
        }
        List<String> command = command();
        long started = System.nanoTime();
        BrokerProcess launched;
        try {
            launched = BrokerProcess.launch(command, config.dataDir(), config.logsDir().resolve("broker.log"));
        } catch (IOException e) {
            throw BrokerErrors.cannotLaunch(command.get(0), e);
        }
        OrphanGuard.register(launched);
        try {
            launched.awaitReady(config.startTimeout(), config.dataDir());
        } catch (RuntimeException e) {
            OrphanGuard.unregister(launched);
            throw e;
        }
        process = launched;
        LOG.info("Kafka broker (pid {}) ready on {} in {} ms; data in {}", launched.pid(), bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, config.dataDir());
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.brokerJvmOptions());
        command.add("-Dlog4j2.configurationFile=" + LOG4J_CONFIG);
        command.add("-Dkafka.logs.dir=" + config.logsDir());
        command.add("-Dlakehouse.broker.parent-pid=" + ProcessHandle.current().pid());
        command.add("-Dlakehouse.broker.ready-timeout-ms=" + config.startTimeout().toMillis());
        command.add("-cp");
        command.add(classpath.asArgument());
        command.add(BrokerClasspath.MAIN_CLASS);
        command.add(config.propertiesFile().toString());
        return command;
    }

    private static void requireFree(String listener, int port) {
        if (!FreePorts.isFree(port)) {
            throw BrokerErrors.portInUse(listener, port);
        }
    }
}
