package org.lakehouse.runner.retry;

import java.time.Duration;
import java.util.Optional;

/** Whether, and after how long, a failed attempt is tried again. Pure: no clock, no state. */
public interface RetryPolicy {
    /**
     * @param attemptsMade attempts so far, including the one that just failed (1 after the first)
     * @param retriable whether the failure is of a kind worth retrying
     * @return the delay before the next attempt, or empty to give up
     */
    Optional<Duration> nextDelay(int attemptsMade, boolean retriable);
}
