package org.lakehouse.runner.claim;

import java.util.List;
import java.util.Set;

/**
 * What one orphan check did.
 *
 * @param goneRunners the runner ids whose claims were re-queued
 * @param requeued the names the triggers were moved back to in {@code incoming/}
 * @param setAside entries of {@code claimed/} that were not claims (moved to {@code failed/})
 */
public record Recovery(Set<String> goneRunners, List<String> requeued, List<String> setAside) {
    public boolean isEmpty() {
        return goneRunners.isEmpty() && requeued.isEmpty() && setAside.isEmpty();
    }
}
