package org.lakehouse.producer.publish;

import java.time.Duration;

/**
 * The outcome of a publish.
 *
 * @param sent          records handed to the client
 * @param acked         records Kafka acknowledged
 * @param failed        records whose send failed after retries
 * @param firstError    the first send error, or null
 * @param elapsed       time from the first send to the final flush
 * @param stoppedEarly  whether a stop request ended the run before every record was sent
 */
public record PublishSummary(long sent, long acked, long failed, Throwable firstError, Duration elapsed,
                             boolean stoppedEarly) {

    public boolean complete() {
        return failed == 0 && acked == sent;
    }

    public double eventsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : acked / s;
    }
}
