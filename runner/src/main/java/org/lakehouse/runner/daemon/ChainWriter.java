package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerRoot;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaining, durable: after a successful run of a job that the config chains ({@code bronze>silver}), an ordinary
 * trigger for the next job goes into {@code incoming/} with the deterministic id {@code <run id>.<next job>} and
 * {@code requested_by: chain:<run id>}. It is written after the success is in the ledger and before the run's
 * triggers are committed, so a crash in between leaves the run's trigger claimed; its re-run answers DUPLICATE,
 * which calls {@link #ensure}: the chained trigger is written again only when it is nowhere (not waiting, claimed,
 * failed, nor succeeded). So every successful run chains exactly once.
 */
final class ChainWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);

    private final Map<String, String> chain;
    private final TriggerRoot root;
    private final java.util.function.Function<String, Optional<String>> succeededRun;

    /**
     * @param succeededRun the fleet's ledger lookup (folding in the newest entries first)
     */
    ChainWriter(Map<String, String> chain, TriggerRoot root,
            java.util.function.Function<String, Optional<String>> succeededRun) {
        this.chain = chain;
        this.root = root;
        this.succeededRun = succeededRun;
    }

    /** The chained trigger of {@code runId} of {@code job}, or empty when {@code job} chains to nothing. */
    Optional<TriggerRequest> next(String job, String runId) {
        String next = chain.get(job);
        if (next == null) {
            return Optional.empty();
        }
        return Optional.of(new TriggerRequest(next, runId + "." + next, Map.of(), "chain:" + runId, null));
    }

    /** After a recorded success: writes the chained trigger. A failure to write it fails the commit (retried). */
    void afterSuccess(String job, String runId) throws IOException {
        Optional<TriggerRequest> next = next(job, runId);
        if (next.isPresent()) {
            TriggerWriter.write(root.require(Folder.INCOMING), next.get());
            LOG.info("Chained {} after run {} of {}", next.get().job(), runId, job);
        }
    }

    /** After a DUPLICATE answer naming {@code originalRunId}: writes its chained trigger when it is missing. */
    void ensure(String job, String originalRunId) throws IOException {
        Optional<TriggerRequest> next = next(job, originalRunId);
        if (next.isEmpty()) {
            return;
        }
        TriggerRequest request = next.get();
        // looked at in the order a trigger moves (waiting, claimed, failed, then the ledger), so one moving meanwhile
        // is still seen
        if (root.place(TriggerWriter.fileName(request), request.id()).isPresent()
                || succeededRun.apply(request.id()).isPresent()) {
            return;
        }
        TriggerWriter.write(root.require(Folder.INCOMING), request);
        LOG.warn("Chained trigger {} of run {} was missing (its runner stopped, or incoming/ was not safe, between the "
                + "run's success and the chain); written again", LogSafe.text(request.id()),
                LogSafe.text(originalRunId));
    }
}
