package org.lakehouse.runner.trigger;

import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerName;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses trigger files (protocol v1): an empty file, or a UTF-8 JSON object with the optional fields {@code job},
 * {@code id}, {@code params}, {@code requested_by}, {@code not_before} and {@code version}. Unknown fields are
 * refused, so a typo ({@code param} for {@code params}) is an error rather than a silently ignored setting.
 */
public final class TriggerParser {
    public static final int PROTOCOL_VERSION = 1;
    static final Set<String> FIELDS = Set.of("job", "id", "params", "requested_by", "not_before", "version");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final int maxBytes;

    public TriggerParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param modifiedMillis the file's modification time, part of a derived id
     * @throws BadTriggerException naming what is wrong (a name, size or encoding problem, or bad JSON)
     */
    public TriggerRequest parse(String fileName, byte[] content, long modifiedMillis) throws BadTriggerException {
        String job = TriggerName.job(fileName).orElseThrow(() -> new BadTriggerException("The file name '"
                + LogSafe.text(fileName) + "' does not follow <job>[.<anything>].trigger with a job name of lower-case "
                + "letters, digits, '_' or '-'. Rename it, e.g. silver.trigger.", null));
        if (content.length > maxBytes) {
            throw new BadTriggerException("The trigger is " + content.length + " bytes, over the limit of " + maxBytes
                    + " bytes. A trigger holds only a job's parameters; shorten it.", null);
        }
        String text = utf8(content);
        if (text.isBlank()) {
            return new TriggerRequest(job, TriggerIds.derive(job, fileName, content, modifiedMillis), Map.of(), null,
                    null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadTriggerException("The trigger is not valid JSON: " + e.getOriginalMessage()
                    + ". Write an empty file or a JSON object such as {\"params\": {\"max_offsets_per_trigger\": "
                    + "\"1000\"}}.", null);
        }
        if (!root.isObject()) {
            throw new BadTriggerException("The trigger's JSON is a " + root.getNodeType().name().toLowerCase()
                    + ", not an object. Write an object such as {\"id\": \"my-run-1\"}.", null);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new BadTriggerException("The trigger has an unknown field '" + LogSafe.text(field)
                        + "'. Protocol v1 knows " + new java.util.TreeSet<>(FIELDS) + ".", null);
            }
        }
        String id = text(root, "id");
        if (id != null && !TriggerIds.valid(id)) {
            throw new BadTriggerException("The trigger id '" + LogSafe.text(id) + "' is not allowed: use 1 to 128 "
                    + "letters, digits, '.', '_', '-' or ':', not starting with '.' or '-'.", null);
        }
        String triggerId = id != null ? id : TriggerIds.derive(job, fileName, content, modifiedMillis);
        try {
            return fields(root, job, triggerId);
        } catch (BadTriggerException e) {
            throw e.withId(id);
        }
    }

    private static TriggerRequest fields(JsonNode root, String job, String id) throws BadTriggerException {
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.intValue() == PROTOCOL_VERSION)) {
            throw new BadTriggerException("The trigger asks for protocol version " + version + "; this runner speaks "
                    + "version " + PROTOCOL_VERSION + ". Drop the field or set it to " + PROTOCOL_VERSION + ".", id);
        }
        String named = text(root, "job");
        if (named != null && !named.equals(job)) {
            throw new BadTriggerException("The trigger's job '" + LogSafe.text(named) + "' differs from its file name's '"
                    + job + "'. Name the file " + LogSafe.text(named) + ".trigger or fix the field.", id);
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = root.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new BadTriggerException("The trigger's params must be an object of name to value, e.g. "
                        + "{\"params\": {\"topics\": \"orders\"}}.", id);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new BadTriggerException("The trigger's param '" + LogSafe.text(e.getKey()) + "' must be a "
                            + "string, number or boolean.", id);
                }
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        Instant notBefore = null;
        String nb = text(root, "not_before");
        if (nb != null) {
            try {
                notBefore = Instant.parse(nb);
            } catch (DateTimeParseException e) {
                throw new BadTriggerException("The trigger's not_before '" + LogSafe.text(nb) + "' is not an ISO-8601 "
                        + "UTC instant such as 2026-12-01T18:00:00Z.", id);
            }
        }
        return new TriggerRequest(job, id, params, text(root, "requested_by"), notBefore);
    }

    private static String text(JsonNode root, String field) throws BadTriggerException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadTriggerException("The trigger's field '" + field + "' must be a string.", null);
        }
        return n.asText();
    }

    private static String utf8(byte[] content) throws BadTriggerException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new BadTriggerException("The trigger is not valid UTF-8. Write it as UTF-8 text (JSON) or leave "
                    + "it empty.", null);
        }
    }
}
