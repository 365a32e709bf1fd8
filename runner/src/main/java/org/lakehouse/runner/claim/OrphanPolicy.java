package org.lakehouse.runner.claim;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Whether the owner of a claim (or of an open run) is gone, so its triggers must be re-queued. Pure: the caller
 * passes the time, this host's name and a test of whether a local process id is alive.
 * <ul>
 * <li>a heartbeat from this host whose process no longer exists: gone at once;</li>
 * <li>any other heartbeat: gone once its lease ran out (a live runner renews it every third of the term);</li>
 * <li>no heartbeat (the runner stopped, or died before its first): gone once the claim is older than one term.</li>
 * </ul>
 */
public record OrphanPolicy(String localHost, LongPredicate alive, Duration leaseTerm) {

    public boolean gone(Optional<Heartbeat> heartbeat, Instant claimedModified, Instant now) {
        if (heartbeat.isEmpty()) {
            return now.isAfter(claimedModified.plus(leaseTerm));
        }
        return gone(heartbeat.get(), now);
    }

    /** Whether the runner that wrote {@code heartbeat} is gone. */
    public boolean gone(Heartbeat heartbeat, Instant now) {
        if (heartbeat.owner().host().equals(localHost) && !alive.test(heartbeat.owner().pid())) {
            return true;
        }
        return now.isAfter(heartbeat.leaseUntil());
    }
}
