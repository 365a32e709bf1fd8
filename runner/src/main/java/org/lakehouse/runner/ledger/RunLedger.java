package org.lakehouse.runner.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable run history: an append-only file of JSON lines, each forced to disk before {@link #append} returns,
 * replayed at start-up so idempotency survives restarts. A torn last line (a crash mid-write) is skipped with a
 * WARN. Appends are serialised; lookups are lock-free.
 */
public final class RunLedger implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);
    public static final String FILE = "runs.jsonl";
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final FileChannel channel;
    /** Trigger id → the run that succeeded for it. */
    private final Map<String, String> succeeded = new ConcurrentHashMap<>();
    /** Run id → its last entry, for runs that started and have not ended (yet, or ever: a dead owner's). */
    private final Map<String, LedgerEntry> open = new ConcurrentHashMap<>();
    /** Job → when it last succeeded. */
    private final Map<String, java.time.Instant> lastSuccess = new ConcurrentHashMap<>();
    private volatile java.time.Instant lastEntry;

    private RunLedger(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating) the ledger in {@code dir} and replays it. */
    public static RunLedger open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        RunLedger ledger = new RunLedger(file, channel);
        for (LedgerEntry e : read(file)) {
            ledger.index(e);
        }
        return ledger;
    }

    /** Every readable entry of the ledger at {@code file}, oldest first (empty when there is none). */
    public static List<LedgerEntry> read(Path file) throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readValue(line, LedgerEntry.class));
                } catch (IOException e) {
                    LOG.warn("Skipping unreadable line {} of the run ledger {}: {}", n, file, e.getMessage());
                }
            }
        }
        return entries;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code entry} and forces it to disk. */
    public synchronized void append(LedgerEntry entry) throws IOException {
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
        index(entry);
    }

    /** The run that already succeeded for {@code triggerId}, if any. */
    public Optional<String> succeededRun(String triggerId) {
        return Optional.ofNullable(succeeded.get(triggerId));
    }

    /** Runs whose last entry is STARTED or RETRYING. */
    public List<LedgerEntry> openRuns() {
        return List.copyOf(open.values());
    }

    /** When {@code job} last succeeded. */
    public Optional<java.time.Instant> lastSuccess(String job) {
        return Optional.ofNullable(lastSuccess.get(job));
    }

    /** When the last entry was written (by any runner on this ledger), if any. */
    public Optional<java.time.Instant> lastEntry() {
        return Optional.ofNullable(lastEntry);
    }

    private void index(LedgerEntry e) {
        if (e.at() != null && (lastEntry == null || e.at().isAfter(lastEntry))) {
            lastEntry = e.at();
        }
        if (e.event() == LedgerEvent.SUCCEEDED) {
            e.triggerIds().forEach(id -> succeeded.put(id, e.runId()));
            if (e.job() != null && e.at() != null) {
                lastSuccess.merge(e.job(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (e.runId() == null) {
            return;
        }
        switch (e.event()) {
            case STARTED, RETRYING -> open.put(e.runId(), e);
            case SUCCEEDED, FAILED, ABANDONED -> open.remove(e.runId());
            default -> {
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
