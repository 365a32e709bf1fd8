package org.lakehouse.runner.claim;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A trigger this runner owns: moved from {@code incoming/} to {@code claimed/}, with its lease beside it.
 *
 * @param name the file's name in {@code incoming/}
 * @param path where it is now, in {@code claimed/}
 * @param lease the lease file recording the owner
 * @param modifiedMillis the file's modification time when claimed (part of a derived id)
 */
public record Claim(String name, Path path, Path lease, Owner owner, Instant claimedAt, long modifiedMillis) {
}
