package org.lakehouse.runner.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash points for the recovery tests: with {@code -Dlakehouse.fault.halt-at=<point>} the runner halts the JVM
 * there, as {@code kill -9} would (no shutdown hooks, no cleanup). Points: {@code after-claim} (a trigger is in
 * claimed/ with its lease, not yet queued) and {@code after-success-recorded} (the ledger holds SUCCEEDED; no
 * result written, trigger not deleted). Off unless the property is set.
 */
final class FaultInjection {
    static final String PROPERTY = "lakehouse.fault.halt-at";
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);
    private static final String POINT = System.getProperty(PROPERTY);

    private FaultInjection() {
    }

    static void point(String name) {
        if (name.equals(POINT)) {
            LOG.error("Fault injection: halting at {} ({}={})", name, PROPERTY, POINT);
            Runtime.getRuntime().halt(137);
        }
    }
}
