package org.lakehouse.runner.continuous;

import java.io.IOException;
import java.util.Optional;
import org.lakehouse.runner.trigger.TriggerRequest;

/** What a {@link ContinuousPoller} needs from the runner it serves: the root's queue, the ledger, the trigger writer. */
public interface ContinuousHost {
    /**
     * Whether a trigger for {@code job} waits in {@code incoming/}, is claimed by any runner on the root, or is
     * queued or running here, not counting the run {@code endedRunId} (one that just ended; null: none).
     */
    boolean outstanding(String job, String endedRunId);

    /** The run in which {@code triggerId} already succeeded, by any runner on the root. */
    Optional<String> succeededRun(String triggerId);

    /** Writes {@code request} into {@code incoming/} as every client does (atomically) and asks for a rescan. */
    void write(TriggerRequest request) throws IOException;
}
