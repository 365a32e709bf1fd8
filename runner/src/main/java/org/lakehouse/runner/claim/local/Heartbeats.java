package org.lakehouse.runner.claim.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lakehouse.runner.claim.Heartbeat;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.result.AtomicFiles;
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The heartbeat files in {@code runners/}: {@code <runner id>.json}, written atomically, read capped. */
final class Heartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BYTES = 4096;
    private static final java.util.regex.Pattern RUNNER_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final TriggerRoot root;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    Heartbeats(TriggerRoot root) {
        this.root = root;
    }

    void write(Heartbeat h) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("host", h.owner().host());
        json.put("pid", h.owner().pid());
        json.put("runner_id", h.owner().runnerId());
        json.put("started_at", h.startedAt().toString());
        json.put("lease_until", h.leaseUntil().toString());
        AtomicFiles.write(file(h.owner().runnerId()), JSON.writeValueAsBytes(json));
    }

    /** The runner's heartbeat; empty when there is none, or it cannot be read (one WARN per runner id). */
    Optional<Heartbeat> read(String runnerId) {
        try {
            JsonNode json = JSON.readTree(BoundedFiles.read(file(runnerId), MAX_BYTES));
            return Optional.of(new Heartbeat(new Owner(json.path("host").asText(), json.path("pid").asLong(),
                    json.path("runner_id").asText()), Instant.parse(json.path("started_at").asText()),
                    Instant.parse(json.path("lease_until").asText())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (warned.add(runnerId)) {
                LOG.warn("Ignoring the unreadable heartbeat of runner {}: {}; its claims count as unleased",
                        LogSafe.text(runnerId), LogSafe.text(e.toString()));
            }
            return Optional.empty();
        }
    }

    void delete(String runnerId) throws IOException {
        Files.deleteIfExists(file(runnerId));
    }

    private Path file(String runnerId) throws IOException {
        if (runnerId == null || !RUNNER_ID.matcher(runnerId).matches()) {
            throw new IOException("'" + LogSafe.text(runnerId) + "' is not a runner id");
        }
        return root.require(Folder.RUNNERS).resolve(runnerId + ".json");
    }
}
