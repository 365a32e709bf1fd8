package org.lakehouse.runner.daemon;

import java.time.Instant;

/**
 * What {@code /health} reports.
 *
 * @param ready started and not stopping
 * @param watching the filesystem watch is alive (false also when watching is off: rescans only)
 * @param lastRescan when {@code incoming/} was last listed
 * @param ledgerWritable whether the ledger file can still be written
 * @param rootSafe whether every folder of the trigger root is still the real directory it was at start-up
 * @param up all that matters for taking triggers: ready, ledger writable, root safe, the watch alive (when on) and
 *     a rescan within three intervals
 */
public record RunnerHealth(boolean up, boolean ready, boolean watching, Instant lastRescan, boolean ledgerWritable,
        boolean rootSafe, String runnerId, int queued, int running) {
}
