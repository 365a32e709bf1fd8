package org.lakehouse.runner.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param details what the parts wired around the daemon report (e.g. {@code continuous}); informative, never part
 *     of {@code up}
 */
public record RunnerHealth(boolean up, boolean ready, boolean watching, Instant lastRescan, boolean ledgerWritable,
        boolean rootSafe, String runnerId, int queued, int running,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> details) {

    public RunnerHealth {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Health without details. */
    public RunnerHealth(boolean up, boolean ready, boolean watching, Instant lastRescan, boolean ledgerWritable,
            boolean rootSafe, String runnerId, int queued, int running) {
        this(up, ready, watching, lastRescan, ledgerWritable, rootSafe, runnerId, queued, running, Map.of());
    }

    /** The same health with {@code key} added to its details. */
    public RunnerHealth withDetail(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new RunnerHealth(up, ready, watching, lastRescan, ledgerWritable, rootSafe, runnerId, queued, running,
                d);
    }
}
