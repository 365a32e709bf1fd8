package org.lakehouse.runner.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What a fallback firing needs from the runner, handed to Quartz jobs through the scheduler context. */
public interface FallbackContext {
    Clock clock();

    FallbackPolicy policy();

    /** When {@code job} last succeeded, from the ledger. */
    Optional<Instant> lastSuccess(String job);

    /** Whether a trigger for {@code job} waits in incoming/, is queued or is running. */
    boolean requested(String job);

    /** Called once per firing, after its decision (a count for /metrics and for tests to wait on). */
    default void fired(String job, boolean requested) {
    }

    /** Writes an ordinary trigger for {@code job} with this id and asks for a rescan. */
    void request(String job, String id) throws java.io.IOException;
}
