package org.lakehouse.producer.publish;

/**
 * When the next record is due at a target rate: a pure function of how many were sent and how long it has been.
 *
 * @param eventsPerSecond target rate; 0 or less means as fast as possible
 */
public record RatePacer(double eventsPerSecond) {

    /** Nanoseconds to wait before sending record number {@code sent} (0-based), {@code elapsedNanos} after start. */
    public long nanosUntilDue(long sent, long elapsedNanos) {
        if (eventsPerSecond <= 0) {
            return 0;
        }
        long due = (long) (sent * 1_000_000_000d / eventsPerSecond);
        return Math.max(0, due - elapsedNanos);
    }
}
