package org.lakehouse.runner.daemon;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.jmock.lib.concurrent.DeterministicScheduler;
import org.threeten.extra.MutableClock;

/**
 * A clock and a scheduler that move together, only when a test says so: the daemon's timer and workers run on the
 * test's thread, so a backoff of a minute costs nothing and no test waits on the wall clock.
 */
public final class FakeTime {
    public final MutableClock clock = MutableClock.of(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    public final DeterministicScheduler scheduler = new DeterministicScheduler();

    /** Runs whatever is due now (and what that schedules for now). */
    public void runDue() {
        scheduler.runUntilIdle();
    }

    /** Moves time forward, running every task that falls due on the way. */
    public void advance(Duration d) {
        long step = 10;
        for (long ms = 0; ms < d.toMillis(); ms += step) {
            long n = Math.min(step, d.toMillis() - ms);
            clock.add(Duration.ofMillis(n));
            scheduler.tick(n, TimeUnit.MILLISECONDS);
        }
        scheduler.runUntilIdle();
    }
}
