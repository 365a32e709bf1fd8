package org.lakehouse.kafka.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats KRaft storage on first start, the same as {@code kafka-storage.sh format --ignore-formatted}.
 *
 * <p>The cluster id is taken from the optional property {@value #CLUSTER_ID_PROPERTY}, or generated. Later starts
 * find {@code meta.properties} and keep the id that was written then.
 */
final class StorageFormat {
    static final String CLUSTER_ID_PROPERTY = "lakehouse.cluster.id";

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);

    private StorageFormat() {
    }

    static void formatIfNeeded(Path propertiesFile, Properties properties) {
        List<Path> unformatted = new ArrayList<>();
        for (Path dir : storageDirs(properties)) {
            if (!Files.isRegularFile(dir.resolve("meta.properties"))) {
                unformatted.add(dir);
            }
        }
        if (unformatted.isEmpty()) {
            return;
        }
        String clusterId = properties.getProperty(CLUSTER_ID_PROPERTY, Uuid.randomUuid().toString());
        LOG.info("Formatting Kafka storage {} with cluster id {}", unformatted, clusterId);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                "format", "--cluster-id", clusterId, "--config", propertiesFile.toString(), "--ignore-formatted"},
                printStream);
        }
        String printed = output.toString(StandardCharsets.UTF_8).strip();
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "Formatting Kafka storage " + unformatted + " failed with exit code " + exitCode + ": " + printed);
        }
        LOG.info("{}", printed);
    }

    /** The log directories plus the metadata directory, as Kafka resolves them from the properties. */
    static List<Path> storageDirs(Properties properties) {
        String logDirs = properties.getProperty("log.dirs", properties.getProperty("log.dir", "/tmp/kafka-logs"));
        List<Path> dirs = new ArrayList<>();
        for (String dir : logDirs.split(",")) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir.strip()));
            }
        }
        String metadataDir = properties.getProperty("metadata.log.dir");
        if (metadataDir != null && !metadataDir.isBlank() && !dirs.contains(Path.of(metadataDir.strip()))) {
            dirs.add(Path.of(metadataDir.strip()));
        }
        return dirs;
    }
}
