package org.lakehouse.runner.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.trigger.TriggerIds;

/**
 * {@code /api/runs} (the run rows, filtered and paged) and {@code /api/run} (one run, or one run-less trigger
 * outcome: its ledger lines, params, metrics, and each trigger's result and error file).
 */
final class RunsView {
    static final int MAX_LIMIT = 500;

    private final LedgerRows ledger;
    private final TriggerFolders folders;

    RunsView(LedgerRows ledger, TriggerFolders folders) {
        this.ledger = ledger;
        this.folders = folders;
    }

    ObjectNode list(ConsoleRequest req) throws IOException {
        RunRows.Filter filter = new RunRows.Filter(req.param("job").orElse(null), req.param("status").orElse(null),
                req.param("requested_by").orElse(null), req.param("trigger").orElse(null));
        int limit = req.number("limit", 100, 1, MAX_LIMIT);
        int offset = req.number("offset", 0, 0, Integer.MAX_VALUE);
        List<RunRow> all = ledger.rows();
        List<RunRow> matching = all.stream().filter(filter::test).toList();
        ObjectNode page = ConsoleResponse.JSON.createObjectNode();
        page.put("total", matching.size());
        page.put("offset", offset);
        page.put("limit", limit);
        page.set("jobs", ConsoleResponse.JSON.valueToTree(new TreeSet<>(all.stream().map(RunRow::job)
                .filter(j -> j != null).toList())));
        page.set("statuses", ConsoleResponse.JSON.valueToTree(new TreeSet<>(all.stream().map(RunRow::status)
                .toList())));
        page.set("runs", ConsoleResponse.JSON.valueToTree(matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size()))));
        return page;
    }

    ObjectNode detail(ConsoleRequest req) throws IOException {
        String runId = req.param("run_id").orElse(null);
        String triggerId = req.param("trigger_id").orElse(null);
        if ((runId == null) == (triggerId == null)) {
            throw ConsoleException.badRequest("Name one run: ?run_id=<run id> or ?trigger_id=<trigger id>.");
        }
        if (triggerId != null && !TriggerIds.valid(triggerId)) {
            throw ConsoleException.badRequest("That is not a trigger id (letters, digits, '.', '_', '-', ':').");
        }
        List<RunRow> rows = ledger.rows();
        RunRow row = rows.stream().filter(r -> runId != null ? runId.equals(r.runId())
                : r.runId() == null && r.triggerIds().contains(triggerId)).findFirst()
                .orElseThrow(() -> ConsoleException.notFound("The ledger has no such run."));
        ObjectNode d = ConsoleResponse.JSON.createObjectNode();
        d.set("run", ConsoleResponse.JSON.valueToTree(row));
        List<LedgerEntry> lines = ledger.entries().stream().filter(e -> runId != null ? runId.equals(e.runId())
                : e.runId() == null && e.triggerIds().contains(triggerId)).toList();
        d.set("ledger", ConsoleResponse.JSON.valueToTree(lines));
        ArrayNode triggers = d.putArray("triggers");
        for (String id : row.triggerIds()) {
            ObjectNode t = triggers.addObject();
            t.put("trigger_id", id);
            t.set("result_file", folders.resultFile(id).orElse(null));
            t.set("error_file", folders.errorFile(id).orElse(null));
        }
        return d;
    }
}
