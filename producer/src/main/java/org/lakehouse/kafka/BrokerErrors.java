package org.lakehouse.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The one place embedded-broker errors are worded: each says what failed, why, and how to fix it. */
final class BrokerErrors {
    private static final String REBUILD = "Run `mvn -q -DskipTests package` in the project root";
    private static final String OVERRIDE = "(or point -D" + BrokerClasspath.CLASSPATH_FILE_PROPERTY + " or $"
            + BrokerClasspath.CLASSPATH_FILE_ENV + " at a classpath file that lists the broker's jars)";

    private BrokerErrors() {
    }

    static EmbeddedKafkaException invalidSetting(String name, Object value, String why, String fix) {
        return new EmbeddedKafkaException(
                "Invalid embedded Kafka setting " + name + "=" + value + ": " + why + ". " + fix, null);
    }

    static EmbeddedKafkaException classpathFileMissing(Path file) {
        return new EmbeddedKafkaException(
                "Cannot start the embedded Kafka broker: its classpath file " + file + " does not exist. The broker"
                        + " runs in its own JVM from the jars listed in that file, which Maven writes when it builds"
                        + " the producer/broker module. " + REBUILD + " " + OVERRIDE + ".", null);
    }

    static EmbeddedKafkaException classpathUnreadable(Path file, IOException cause) {
        return new EmbeddedKafkaException(
                "Cannot read the embedded Kafka broker's classpath file " + file + ": " + cause.getMessage()
                        + ". Check its permissions, or rebuild it: " + REBUILD + ".", cause);
    }

    static EmbeddedKafkaException classpathEntryMissing(Path file, Path entry) {
        return new EmbeddedKafkaException(
                "Cannot start the embedded Kafka broker: its classpath file " + file + " lists " + entry
                        + ", which does not exist, so the file is stale (the local Maven repository or the build"
                        + " output changed since it was written). " + REBUILD + " " + OVERRIDE + ".", null);
    }

    static EmbeddedKafkaException brokerMainMissing(Path file, String mainClass) {
        return new EmbeddedKafkaException(
                "Cannot start the embedded Kafka broker: no entry of its classpath file " + file + " contains "
                        + mainClass + ", the class the broker JVM runs. " + REBUILD + " so that"
                        + " producer/broker/target/classes exists next to the file, or list the lakehouse-kafka-broker"
                        + " jar in it.", null);
    }

    static EmbeddedKafkaException projectRootNotFound(Path workingDir) {
        return new EmbeddedKafkaException(
                "Cannot find the embedded Kafka broker's classpath: neither -D" + BrokerClasspath.CLASSPATH_FILE_PROPERTY
                        + " nor $" + BrokerClasspath.CLASSPATH_FILE_ENV + " is set, -D" + BrokerClasspath.ROOT_PROPERTY
                        + " is not set, and no directory from " + workingDir + " upwards contains "
                        + BrokerClasspath.BROKER_POM + ". Run from inside the project checkout, pass -D"
                        + BrokerClasspath.ROOT_PROPERTY + "=<checkout>, or set $" + BrokerClasspath.CLASSPATH_FILE_ENV
                        + " to producer/broker/target/broker.classpath (written by `mvn -q -DskipTests package`).",
                null);
    }

    static EmbeddedKafkaException portInUse(String listener, int port) {
        return new EmbeddedKafkaException(
                "Cannot start the embedded Kafka broker: its " + listener + " port " + port + " on 127.0.0.1 is"
                        + " already in use, most likely by another broker (`lakehouse kafka` in another terminal, or"
                        + " a test that did not stop its broker). Stop that process, or use port 0 to pick a free one.",
                null);
    }

    static EmbeddedKafkaException dataDirUnusable(Path dataDir, IOException cause) {
        return new EmbeddedKafkaException(
                "Cannot prepare the embedded Kafka broker's data directory " + dataDir + ": " + cause.getMessage()
                        + ". Choose a writable directory.", cause);
    }

    static EmbeddedKafkaException cannotLaunch(String java, IOException cause) {
        return new EmbeddedKafkaException(
                "Cannot launch the embedded Kafka broker's JVM with " + java + ": " + cause.getMessage()
                        + ". The broker runs with the same Java as this process (java.home); check that it is a"
                        + " full JDK or JRE with bin/java.", cause);
    }

    static EmbeddedKafkaException exitedBeforeReady(int exitCode, Path dataDir, String diagnostics) {
        return new EmbeddedKafkaException(
                "The embedded Kafka broker exited with code " + exitCode + " before it was ready (data dir " + dataDir
                        + "). Usual causes: another broker uses this data dir or its ports, or the build is stale ("
                        + REBUILD + "). Its last output follows.\n" + diagnostics, null);
    }

    static EmbeddedKafkaException notReadyInTime(Duration timeout, Path dataDir, String diagnostics) {
        return new EmbeddedKafkaException(
                "The embedded Kafka broker was not ready within " + timeout.toSeconds() + " s (data dir " + dataDir
                        + ") and was killed. The machine may be overloaded; raise startTimeout if it is just slow."
                        + " Its last output follows.\n" + diagnostics, null);
    }

    static EmbeddedKafkaException interruptedWhileStarting(Path dataDir, InterruptedException cause) {
        return new EmbeddedKafkaException(
                "Interrupted while waiting for the embedded Kafka broker (data dir " + dataDir + ") to start; the"
                        + " broker was killed. Start it again if the interruption was not meant to stop it.", cause);
    }
}
