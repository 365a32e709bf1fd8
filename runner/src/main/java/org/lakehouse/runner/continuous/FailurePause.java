package org.lakehouse.runner.continuous;

import java.time.Duration;

/**
 * How long continuous mode waits before the next continuous trigger after runs of its job failed in a row: one poll
 * interval after the first failure, doubling with each further one, at most {@code max} (never less than one
 * interval). Pure. A failing job thus never turns into a tight loop of runs, and a broken one costs a run per
 * {@code max}, not one per poll.
 */
public record FailurePause(Duration interval, Duration max) {
    public Duration after(int failuresInARow) {
        if (failuresInARow <= 0) {
            return Duration.ZERO;
        }
        long cap = Math.max(interval.toMillis(), max.toMillis());
        long ms = interval.toMillis();
        for (int i = 1; i < failuresInARow && ms < cap; i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, cap));
    }
}
