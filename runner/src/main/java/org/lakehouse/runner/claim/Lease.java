package org.lakehouse.runner.claim;

import java.time.Instant;

/** What a lease file records: who claimed a trigger, when, and until when the claim holds unless renewed. */
public record Lease(Owner owner, String trigger, Instant claimedAt, Instant leaseUntil) {
}
