package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaining: after a successful run of a job that the config chains ({@code bronze>silver}), writes an ordinary
 * trigger for the next job into {@code incoming/}, with id {@code <run id>.<next job>} (so a replayed success
 * chains once) and {@code requested_by: chain:<run id>}.
 */
final class ChainWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);

    private final Map<String, String> chain;
    private final Path incoming;

    ChainWriter(Map<String, String> chain, Path incoming) {
        this.chain = chain;
        this.incoming = incoming;
    }

    void afterSuccess(Run run) {
        String next = chain.get(run.job);
        if (next == null) {
            return;
        }
        TriggerRequest request = new TriggerRequest(next, run.runId + "." + next, Map.of(), "chain:" + run.runId,
                null);
        try {
            TriggerWriter.write(incoming, request);
            LOG.info("Chained {} after run {} of {}", next, run.runId, run.job);
        } catch (IOException e) {
            LOG.error("Cannot write the chained trigger for {} after run {}: {}", next, run.runId, e.toString());
        }
    }
}
