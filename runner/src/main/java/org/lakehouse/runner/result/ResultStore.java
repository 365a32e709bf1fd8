package org.lakehouse.runner.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code results/} folder: one JSON file per trigger id, written atomically, pruned after a retention time. */
public final class ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public ResultStore(Path dir) {
        this.dir = dir;
    }

    public Path path(String triggerId) {
        return dir.resolve(triggerId + ".json");
    }

    public void write(RunResult result) throws IOException {
        AtomicFiles.write(path(result.triggerId()), JSON.writeValueAsBytes(result));
    }

    public Optional<RunResult> read(String triggerId) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(path(triggerId)), RunResult.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Deletes result files last modified before {@code now - retention}; returns how many. */
    public int prune(Clock clock, Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        int pruned = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) {
                        pruned++;
                    }
                } catch (NoSuchFileException e) {
                    // pruned by someone else
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot prune results in {}: {}", dir, e.toString());
        }
        if (pruned > 0) {
            LOG.info("Pruned {} result file(s) older than {}", pruned, retention);
        }
        return pruned;
    }
}
