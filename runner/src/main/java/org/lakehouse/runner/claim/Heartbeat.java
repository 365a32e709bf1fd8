package org.lakehouse.runner.claim;

import java.time.Instant;

/**
 * A live runner's lease on all its claims ({@code runners/<runner id>.json}): renewed every third of the lease term
 * while the runner runs, removed when it stops cleanly.
 */
public record Heartbeat(Owner owner, Instant startedAt, Instant leaseUntil) {
}
