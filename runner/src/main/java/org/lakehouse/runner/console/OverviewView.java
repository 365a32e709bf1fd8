package org.lakehouse.runner.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.lakehouse.runner.continuous.GoldFreshness;
import org.lakehouse.runner.continuous.LagWatch;
import org.lakehouse.runner.continuous.PartitionLag;
import org.lakehouse.runner.result.ErrorReport;

/**
 * {@code /api/overview}: the pipeline as Bronze → Silver → Gold with each job's last run, the other jobs, the queue
 * (trigger files per job, the dispatcher's waiting triggers and running runs), the pipeline's freshness (bronze's
 * Kafka lag, the age of Gold's newest event) and what is in {@code failed/}.
 */
final class OverviewView {
    /** The pipeline's jobs in order, with their layer's name. */
    static final List<String[]> PIPELINE = List.of(new String[] {"bronze", "Bronze"},
            new String[] {"silver", "Silver"}, new String[] {"gold", "Gold"});

    private final ConsoleContext context;
    private final LedgerRows ledger;
    private final TriggerFolders folders;

    OverviewView(ConsoleContext context, LedgerRows ledger, TriggerFolders folders) {
        this.context = context;
        this.ledger = ledger;
        this.folders = folders;
    }

    ObjectNode build() throws IOException {
        List<RunRow> rows = ledger.rows();
        ObjectNode o = ConsoleResponse.JSON.createObjectNode();
        o.put("at", context.clock().instant().toString());
        ArrayNode pipeline = o.putArray("pipeline");
        TreeSet<String> others = new TreeSet<>(context.launcher().jobs());
        for (String[] step : PIPELINE) {
            others.remove(step[0]);
            pipeline.add(job(step[0], step[1], rows));
        }
        ArrayNode other = o.putArray("other_jobs");
        others.forEach(job -> other.add(job(job, null, rows)));
        ObjectNode queue = o.putObject("queue");
        queue.set("incoming", ConsoleResponse.JSON.valueToTree(folders.waiting()));
        queue.set("claimed", ConsoleResponse.JSON.valueToTree(folders.claimed()));
        queue.set("queued", ConsoleResponse.JSON.valueToTree(context.queued().get()));
        queue.set("running", ConsoleResponse.JSON.valueToTree(context.running().get()));
        o.set("kafka_lag", kafkaLag(context.kafkaLag().get()));
        o.set("freshness", freshness());
        ArrayNode failed = o.putArray("failed");
        for (ErrorReport r : folders.failed()) {
            ObjectNode f = failed.addObject();
            f.put("trigger_id", r.triggerId());
            f.put("trigger_file", r.triggerFile());
            f.put("job", r.job());
            f.put("kind", r.kind());
            f.put("error", r.error());
            f.put("at", r.at() == null ? null : r.at().toString());
            if (r.attempts() != null) {
                f.put("attempts", r.attempts());
            }
            f.put("run_id", r.runId());
        }
        return o;
    }

    /**
     * Bronze's backlog in Kafka: {@code total} and per topic (records bronze has not read), per partition with the
     * offsets, {@code error} when Kafka could not be asked (then no figures). Null when there is nothing to probe.
     */
    static ObjectNode kafkaLag(LagWatch.Snapshot s) {
        if (s == null) {
            return null;
        }
        ObjectNode lag = ConsoleResponse.JSON.createObjectNode();
        lag.put("source", s.source());
        lag.put("at", s.at().toString());
        lag.put("error", s.error());
        if (s.backlog() == null) {
            lag.putNull("total");
            lag.putNull("topics");
            lag.putArray("partitions");
            return lag;
        }
        lag.put("total", s.backlog().total());
        lag.set("topics", ConsoleResponse.JSON.valueToTree(s.backlog().perTopic()));
        ArrayNode partitions = lag.putArray("partitions");
        for (PartitionLag p : s.backlog().partitions()) {
            ObjectNode n = partitions.addObject();
            n.put("topic", p.topic());
            n.put("partition", p.partition());
            n.put("committed", p.committed());
            n.put("from", p.from());
            n.put("end", p.end());
            n.put("lag", p.lag());
        }
        return lag;
    }

    /** How fresh Gold is: its newest counted event, that event's age now, and the run that counted it. */
    private ObjectNode freshness() throws IOException {
        ObjectNode f = ConsoleResponse.JSON.createObjectNode();
        Optional<GoldFreshness.Newest> newest = context.newestGoldEvent();
        f.put("newest_event_at", newest.map(n -> n.event().toString()).orElse(null));
        if (newest.isPresent()) {
            f.put("age_seconds", Duration.between(newest.get().event(), context.clock().instant()).toMillis()
                    / 1000.0);
        } else {
            f.putNull("age_seconds");
        }
        f.put("run_id", newest.map(GoldFreshness.Newest::runId).orElse(null));
        f.put("run_finished_at", newest.map(n -> n.finishedAt().toString()).orElse(null));
        return f;
    }

    private static ObjectNode job(String job, String layer, List<RunRow> rows) {
        ObjectNode j = ConsoleResponse.JSON.createObjectNode();
        j.put("job", job);
        if (layer != null) {
            j.put("layer", layer);
        }
        RunRows.latest(rows, job).ifPresentOrElse(r -> {
            ObjectNode last = j.putObject("last_run");
            last.put("run_id", r.runId());
            last.put("status", r.status());
            last.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
            last.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
            if (r.durationMs() != null) {
                last.put("duration_ms", r.durationMs());
            }
            last.put("attempts", r.attempts());
            if (r.metrics() != null) {
                last.put("rows_in", r.metrics().rowsIn());
                last.put("rows_out", r.metrics().rowsOut());
                last.put("quarantined", r.quarantined());
                last.put("duplicates", r.duplicates());
            }
            if (r.error() != null) {
                last.put("error", r.error());
            }
        }, () -> j.putNull("last_run"));
        rows.stream().filter(r -> job.equals(r.job()) && r.status().equals("SUCCEEDED")).findFirst()
                .ifPresent(r -> j.put("last_success_at", r.finishedAt().toString()));
        return j;
    }
}
