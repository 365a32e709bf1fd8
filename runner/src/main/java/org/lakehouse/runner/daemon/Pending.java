package org.lakehouse.runner.daemon;

import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.trigger.TriggerRequest;

/** A claimed, valid trigger waiting for (or served by) a run. */
record Pending(Claim claim, TriggerRequest request) {
    String id() {
        return request.id();
    }
}
