package org.lakehouse.runner.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits {@code min(max, initial * 2^(n-1))} scaled by a factor in
 * [0.5, 1) drawn from {@code jitter}, so runners that failed together do not retry together. Gives up after
 * {@code maxAttempts} attempts, or at once for a non-retriable failure.
 */
public record ExponentialBackoff(int maxAttempts, Duration initial, Duration max, DoubleSupplier jitter)
        implements RetryPolicy {

    @Override
    public Optional<Duration> nextDelay(int attemptsMade, boolean retriable) {
        if (!retriable || attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, attemptsMade - 1));
        double factor = 0.5 + 0.5 * Math.min(Math.max(jitter.getAsDouble(), 0), 1);
        return Optional.of(Duration.ofMillis((long) (base * factor)));
    }
}
