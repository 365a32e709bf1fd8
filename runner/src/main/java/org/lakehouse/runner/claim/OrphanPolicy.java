package org.lakehouse.runner.claim;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * Whether a claimed trigger's owner is gone, so the trigger must be re-queued. Pure: the caller passes the time,
 * this host's name and a test of whether a local process id is alive.
 * <ul>
 * <li>a lease held on this host by a process that no longer exists: orphaned at once;</li>
 * <li>any other lease: orphaned once it ran out (a live owner renews its leases while the job runs);</li>
 * <li>no lease at all (the owner died between the claim's rename and the lease write): orphaned once the claimed
 * file is older than one lease term.</li>
 * </ul>
 */
public record OrphanPolicy(String localHost, LongPredicate alive, Duration leaseTerm) {

    public boolean orphaned(Lease lease, Instant now) {
        if (lease.owner().host().equals(localHost) && !alive.test(lease.owner().pid())) {
            return true;
        }
        return now.isAfter(lease.leaseUntil());
    }

    public boolean orphanedWithoutLease(Instant claimedFileModified, Instant now) {
        return now.isAfter(claimedFileModified.plus(leaseTerm));
    }

    /** Whether {@code owner} is this very runner (its claims are never orphans to itself). */
    public static boolean self(Owner owner, Owner me) {
        return owner.runnerId().equals(me.runnerId());
    }
}
