package org.lakehouse.runner.trigger;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One parsed trigger: which job to run, under which idempotency id, with which parameters.
 *
 * @param requestedBy who asked (free text: a DAG task, a person, {@code quartz}, {@code chain:<run>}); may be null
 * @param notBefore the earliest start, or null for now
 */
public record TriggerRequest(String job, String id, Map<String, String> params, String requestedBy,
        Instant notBefore) {
    public TriggerRequest {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(id, "id");
        params = Map.copyOf(new TreeMap<>(params));
    }

    public static TriggerRequest of(String job, String id, Map<String, String> params) {
        return new TriggerRequest(job, id, params, null, null);
    }
}
