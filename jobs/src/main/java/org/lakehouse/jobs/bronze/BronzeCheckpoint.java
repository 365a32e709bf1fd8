package org.lakehouse.jobs.bronze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * Where Bronze stands in Kafka, as its streaming checkpoint records it, read as plain files without Spark: the
 * runner's continuous mode and console ask this on every poll, in a process that need not start Spark for it.
 *
 * <p>Spark's layout of a checkpoint: {@code offsets/<batch>} holds the end offsets a micro-batch planned (a version
 * line {@code v1}, the batch's metadata, then one line per source: {@code {"topic":{"partition":offset}}});
 * {@code commits/<batch>} marks that batch written; {@code sources/0/0} holds the offsets a new checkpoint started
 * from. So the committed position is the planned end of the newest committed batch, and before any commit it is the
 * start. A planned batch without its commit (a run in progress, or one that crashed) does not count: its rows may not
 * be in Bronze, and the next run replays it.
 */
public final class BronzeCheckpoint {
    /** Kafka's "earliest" in Spark's offsets JSON. */
    public static final long EARLIEST = -2;
    /** Kafka's "latest" in Spark's offsets JSON. */
    public static final long LATEST = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BronzeCheckpoint() {
    }

    /**
     * The offset Bronze reads next in each partition it knows, from the checkpoint folder {@code checkpoint}
     * ({@code LakePaths.checkpoint("bronze")}); empty when there is no checkpoint yet. A value may be
     * {@link #EARLIEST} or {@link #LATEST} when the checkpoint started from those and no batch committed since.
     *
     * @throws IOException when a file of the checkpoint cannot be read or is not in Spark's format
     */
    public static Map<TopicPartition, Long> committed(Path checkpoint) throws IOException {
        Optional<Long> batch = newestCommitted(checkpoint);
        if (batch.isPresent()) {
            return offsets(checkpoint.resolve("offsets").resolve(Long.toString(batch.get())), 2);
        }
        Path initial = checkpoint.resolve("sources").resolve("0").resolve("0");
        if (Files.isRegularFile(initial)) {
            return offsets(initial, 1);
        }
        return Map.of();
    }

    /**
     * The checkpoint's identity: the query id Spark wrote into its {@code metadata} file when the checkpoint was
     * created, so a checkpoint deleted and created again (a reset) is told apart from the old one even where their
     * offsets are equal. Empty when there is no checkpoint yet.
     *
     * @throws IOException when the file cannot be read or holds no id
     */
    public static Optional<String> id(Path checkpoint) throws IOException {
        String text;
        try {
            text = Files.readString(checkpoint.resolve("metadata"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        JsonNode id;
        try {
            id = JSON.readTree(text.strip()).get("id");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(checkpoint.resolve("metadata") + " is not Spark's checkpoint metadata: "
                    + e.getOriginalMessage());
        }
        if (id == null || !id.isTextual()) {
            throw new IOException(checkpoint.resolve("metadata") + " names no query id");
        }
        return Optional.of(id.asText());
    }

    /** The newest batch with both its commit and its offsets file (Spark purges old ones in pairs). */
    private static Optional<Long> newestCommitted(Path checkpoint) throws IOException {
        List<Long> batches;
        try (Stream<Path> files = Files.list(checkpoint.resolve("commits"))) {
            batches = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,18}"))
                    .map(Long::parseLong).sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Path offsets = checkpoint.resolve("offsets");
        return batches.stream().filter(b -> Files.isRegularFile(offsets.resolve(Long.toString(b)))).findFirst();
    }

    /**
     * Parses the source line of an offsets file: {@code line} is its index after the version line's own (2 in
     * {@code offsets/<n>}, after the batch's metadata; 1 in the initial offsets file, which Spark's Kafka source
     * writes after a NUL byte).
     */
    private static Map<TopicPartition, Long> offsets(Path file, int line) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.replace("\u0000", "").strip().split("\n");
        if (lines.length <= line || !lines[0].strip().startsWith("v")) {
            throw new IOException(file + " is not a Spark offsets file (expected a version line and " + (line + 1)
                    + " more); was the checkpoint written by another program?");
        }
        JsonNode topics;
        try {
            topics = JSON.readTree(lines[line]);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": line " + (line + 1) + " is not Kafka offsets JSON: " + e.getOriginalMessage());
        }
        if (topics == null || !topics.isObject()) {
            throw new IOException(file + ": line " + (line + 1) + " is not Kafka offsets JSON ({\"topic\":{...}})");
        }
        Map<TopicPartition, Long> result = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (Iterator<Map.Entry<String, JsonNode>> t = topics.fields(); t.hasNext();) {
            Map.Entry<String, JsonNode> topic = t.next();
            for (Iterator<Map.Entry<String, JsonNode>> p = topic.getValue().fields(); p.hasNext();) {
                Map.Entry<String, JsonNode> partition = p.next();
                if (!partition.getKey().matches("\\d{1,9}") || !partition.getValue().canConvertToLong()) {
                    throw new IOException(file + ": partition " + partition.getKey() + " of " + topic.getKey()
                            + " has no whole-number offset");
                }
                result.put(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
                        partition.getValue().asLong());
            }
        }
        return result;
    }
}
