package org.lakehouse.runner.claim;

import java.nio.file.Path;
import java.time.Instant;
import org.lakehouse.runner.root.ClaimedName;

/**
 * A trigger this runner owns: moved from {@code incoming/} to {@code claimed/} under a name that records its owner.
 *
 * @param name the file's name in {@code incoming/}, in full (the claimed name may hold a shortened form)
 * @param claimedName the entry's name in {@code claimed/}
 * @param path where it is now
 * @param modifiedMillis the file's modification time when claimed (part of a derived id)
 * @param size the file's size when claimed
 */
public record Claim(String name, ClaimedName claimedName, Path path, Owner owner, Instant claimedAt,
        long modifiedMillis, long size) {
}
