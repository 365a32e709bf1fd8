package org.lakehouse.runner.claim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a runner takes ownership of triggers, exactly once across every runner sharing a root, and gives it back.
 * A trigger's life reads: {@link #claim}, then {@link #commit} (consumed) or {@link #reject} (moved aside with an
 * error file); the runner's liveness is {@link #renew}ed while it runs, and {@link #recoverOrphans} re-queues the
 * claims of runners that are gone. Implementations: {@code claim.local.LocalClaims} (one local or shared POSIX filesystem).
 */
public interface ClaimStrategy {
    /**
     * Claims {@code candidate}, a file in {@code incoming/}.
     *
     * @return the claim, or empty when the file is gone (another runner or a client took it first)
     */
    Optional<Claim> claim(Path candidate) throws IOException;

    /** The claimed trigger's content, at most {@code cap} bytes (read from the runner's own folder). */
    byte[] read(Claim claim, int cap) throws IOException;

    /** Renews this runner's lease on all its claims. */
    void renew() throws IOException;

    /** The trigger was consumed: removes it. */
    void commit(Claim claim) throws IOException;

    /** Moves the trigger aside to {@code failed/<id>.trigger} beside {@code failed/<id>.error.json}. */
    Path reject(Claim claim, String id, byte[] errorJson) throws IOException;

    /** Re-queues the claims of runners that are gone; returns who they were. */
    Recovery recoverOrphans() throws IOException;

    /** Whether the runner {@code runnerId} is gone (for its open runs in the ledger). */
    boolean gone(String runnerId);

    /** Stops renewing and marks the lease ended: this runner's claims become orphans for the others at once. */
    void release();
}
