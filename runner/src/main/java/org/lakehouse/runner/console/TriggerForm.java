package org.lakehouse.runner.console;

import org.lakehouse.runner.root.LogSafe;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lakehouse.runner.trigger.BadTriggerException;
import org.lakehouse.runner.trigger.ParamGuard;
import org.lakehouse.runner.trigger.TriggerIds;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trigger page's two endpoints. {@code POST /api/triggers} (registered only with {@code console-triggers=true})
 * takes {@code {"job": ..., "params": {...}}}, checks the job against the launcher's jobs and the params as the
 * runner will (the trigger guard, the job's allow-list; path params are refused outright: the browser never names a
 * file), and writes the trigger with {@link TriggerWriter}, the CLI's atomic write, under a fresh id
 * ({@code console-<time>-<random>}, {@code requested_by: console}). {@code GET /api/trigger?id=} follows one trigger:
 * waiting, claimed, running, then its result.
 */
final class TriggerForm {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerForm.class);
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_PARAMS = 32;
    static final String REQUESTED_BY = "console";
    private static final DateTimeFormatter ID_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final ConsoleContext context;
    private final TriggerFolders folders;
    private final LedgerRows ledger;
    private final ParamGuard guard;

    TriggerForm(ConsoleContext context, TriggerFolders folders, LedgerRows ledger) {
        this.context = context;
        this.folders = folders;
        this.ledger = ledger;
        this.guard = new ParamGuard(context.config().dataDir(), context.config().paramLimits());
    }

    ConsoleResponse submit(ConsoleRequest req) throws IOException {
        JsonNode body;
        try {
            body = ConsoleResponse.JSON.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(req.body(MAX_BODY));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ConsoleException.badRequest("The request is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw ConsoleException.badRequest("Send a JSON object: {\"job\": \"silver\", \"params\": {}}.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String f = names.next();
            if (!f.equals("job") && !f.equals("params")) {
                throw ConsoleException.badRequest("Unknown field '" + printable(f) + "': send job and params only.");
            }
        }
        String job = body.path("job").asText("");
        Set<String> jobs = context.launcher().jobs();
        if (!body.path("job").isTextual() || !jobs.contains(job)) {
            throw ConsoleException.badRequest("There is no job named '" + printable(job) + "'. Jobs: "
                    + String.join(", ", new java.util.TreeSet<>(jobs)) + ".");
        }
        Map<String, String> params = params(body.get("params"), job);
        String id = "console-" + ID_TS.format(context.clock().instant()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        try {
            guard.check(job, params, Set.of(), context.launcher().brokerParams(job), id);
        } catch (BadTriggerException e) {
            throw ConsoleException.badRequest(e.getMessage());
        }
        Optional<String> wrong = context.launcher().checkParams(job, params);
        if (wrong.isPresent()) {
            throw ConsoleException.badRequest(wrong.get());
        }
        java.nio.file.Path file = TriggerWriter.write(context.config().incoming(),
                new TriggerRequest(job, id, params, REQUESTED_BY, null));
        LOG.info("Console wrote trigger {} for {} ({} param(s))", id, job, params.size());
        ObjectNode o = ConsoleResponse.JSON.createObjectNode();
        o.put("trigger_id", id);
        o.put("job", job);
        o.put("trigger_file", file.getFileName().toString());
        o.set("params", ConsoleResponse.JSON.valueToTree(params));
        return ConsoleResponse.json(202, o);
    }

    private Map<String, String> params(JsonNode node, String job) {
        Map<String, String> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw ConsoleException.badRequest("params must be an object of name → value.");
        }
        if (node.size() > MAX_PARAMS) {
            throw ConsoleException.badRequest("At most " + MAX_PARAMS + " params.");
        }
        Set<String> pathParams = context.launcher().pathParams(job);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                throw ConsoleException.badRequest("Param '" + printable(e.getKey()) + "' must be a string, number "
                        + "or boolean.");
            }
            if (pathParams.contains(e.getKey())) {
                throw ConsoleException.badRequest("Param '" + e.getKey() + "' names a file, and the console never "
                        + "sends paths: set it with `lakehouse trigger " + job + " --param " + e.getKey()
                        + "=...` instead.");
            }
            params.put(e.getKey(), v.asText());
        }
        return params;
    }

    ObjectNode status(ConsoleRequest req) throws IOException {
        String id = req.param("id").orElseThrow(() -> ConsoleException.badRequest("Name the trigger: ?id=<id>."));
        if (!TriggerIds.valid(id)) {
            throw ConsoleException.badRequest("That is not a trigger id (letters, digits, '.', '_', '-', ':').");
        }
        ObjectNode o = ConsoleResponse.JSON.createObjectNode();
        o.put("trigger_id", id);
        Optional<JsonNode> result = folders.resultFile(id);
        if (result.isPresent()) {
            o.put("state", "finished");
            o.set("result", result.get());
            return o;
        }
        Optional<RunRow> run = ledger.rows().stream().filter(r -> r.runId() != null && !r.ended()
                && r.triggerIds().contains(id)).findFirst();
        if (run.isPresent()) {
            o.put("state", "running");
            o.put("run_id", run.get().runId());
            o.put("job", run.get().job());
            return o;
        }
        String job = req.param("job").filter(j -> context.launcher().jobs().contains(j)).orElse(null);
        Optional<String> place = Optional.empty();
        if (job != null) {
            place = folders.place(job, id);
        } else {
            for (String j : context.launcher().jobs()) {
                place = folders.place(j, id);
                if (place.isPresent()) {
                    break;
                }
            }
        }
        o.put("state", place.orElse("unknown"));
        return o;
    }

    private static String printable(String s) {
        return LogSafe.text(s, 64);
    }
}
