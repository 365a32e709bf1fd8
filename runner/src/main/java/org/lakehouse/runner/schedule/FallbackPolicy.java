package org.lakehouse.runner.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a scheduled fallback should request its job now. Pure: it fires only when the job is not already
 * requested (waiting, queued or running) and had no successful run within {@code window}, so a fallback never
 * doubles a run that Airflow or a person asked for.
 */
public record FallbackPolicy(Duration window) {

    public boolean due(Optional<Instant> lastSuccess, boolean alreadyRequested, Instant now) {
        if (alreadyRequested) {
            return false;
        }
        return lastSuccess.isEmpty() || lastSuccess.get().isBefore(now.minus(window));
    }
}
