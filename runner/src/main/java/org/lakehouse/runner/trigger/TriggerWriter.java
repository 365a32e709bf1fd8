package org.lakehouse.runner.trigger;

import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerName;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes trigger files the way every client must: the whole content under a hidden temporary name in
 * {@code incoming/}, then one atomic rename to {@code <job>.<id>.trigger}, so the runner never sees a partial file.
 */
public final class TriggerWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TriggerWriter() {
    }

    /** The file name a written trigger gets: {@code <job>.<id>.trigger}, {@code :} in the id as {@code _}. */
    public static String fileName(TriggerRequest request) {
        return request.job() + "." + request.id().replace(':', '_') + TriggerName.SUFFIX;
    }

    /** Writes {@code request} into {@code incoming} and returns the trigger's final path. */
    public static Path write(Path incoming, TriggerRequest request) throws IOException {
        if (!TriggerIds.valid(request.id())) {
            throw new IllegalArgumentException("Trigger id '" + LogSafe.text(request.id())
                    + "' is not allowed: use letters, digits, '.', '_', '-' or ':' (at most 128).");
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("version", TriggerParser.PROTOCOL_VERSION);
        json.put("job", request.job());
        json.put("id", request.id());
        ObjectNode params = json.putObject("params");
        request.params().forEach(params::put);
        if (request.requestedBy() != null) {
            json.put("requested_by", request.requestedBy());
        }
        if (request.notBefore() != null) {
            json.put("not_before", request.notBefore().toString());
        }
        Path target = incoming.resolve(fileName(request));
        Path tmp = incoming.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(json));
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return target;
    }
}
