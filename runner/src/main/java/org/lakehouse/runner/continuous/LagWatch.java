package org.lakehouse.runner.continuous;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The probe as the console and {@code /metrics} read it: every answer is kept as a {@link Snapshot}, and a reader
 * gets the last one while it is younger than {@code maxAge}, so pages polling every two seconds, scrapes and the
 * continuous poller (which asks through this watch) share one request to Kafka instead of adding theirs.
 * Thread-safe.
 */
public final class LagWatch implements InputProbe {
    /**
     * What the probe answered.
     *
     * @param backlog the backlog, or null when the input could not be asked
     * @param error why not, or null
     */
    public record Snapshot(Instant at, String source, Backlog backlog, String error) {
    }

    private final InputProbe probe;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot last;

    public LagWatch(InputProbe probe, Clock clock, Duration maxAge) {
        this.probe = probe;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Asks the probe now and keeps the answer. */
    @Override
    public synchronized Backlog pending() throws InputUnavailableException {
        try {
            Backlog b = probe.pending();
            last = new Snapshot(clock.instant(), probe.source(), b, null);
            return b;
        } catch (InputUnavailableException e) {
            last = new Snapshot(clock.instant(), probe.source(), null, e.getMessage());
            throw e;
        }
    }

    /** The last answer when younger than {@code maxAge}, else a new one. */
    public synchronized Snapshot current() {
        Snapshot s = last;
        if (s != null && s.at().isAfter(clock.instant().minus(maxAge))) {
            return s;
        }
        try {
            pending();
        } catch (InputUnavailableException e) {
            // kept in the snapshot
        }
        return last;
    }

    @Override
    public String source() {
        return probe.source();
    }

    @Override
    public void close() {
        probe.close();
    }
}
