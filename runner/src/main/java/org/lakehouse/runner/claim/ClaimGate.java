package org.lakehouse.runner.claim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one in-progress gate for trigger file names. Watch events, rescans and delayed re-checks all pass through it,
 * so a name is handled by one thread at a time and never taken twice. Thread-safe.
 */
public final class ClaimGate {
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /** Enters {@code name}; false when another thread already holds it. */
    public boolean tryEnter(String name) {
        return inProgress.add(name);
    }

    public void leave(String name) {
        inProgress.remove(name);
    }
}
