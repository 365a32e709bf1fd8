package org.lakehouse.runner.claim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.lakehouse.runner.result.AtomicFiles;

/**
 * Moves trigger files through their life: {@link #claim} (incoming → claimed, one atomic rename, never a copy, with
 * a lease recording the owner), then {@link #commit} (delete) or {@link #reject} (to failed/ beside an error file).
 * Links are never followed. Thread-safe: each method works on its own files.
 */
public final class TriggerStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TriggerStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path claimed;
    private final Path failed;
    private final Owner owner;
    private final Duration lease;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final java.util.Set<Path> warnedDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TriggerStore(Path claimed, Path failed, Owner owner, Duration lease, Clock clock) {
        this.claimed = claimed;
        this.failed = failed;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * Claims {@code file} by renaming it into {@code claimed/} under a name unique to this claim.
     *
     * @return the claim, or empty when the file is gone (another runner or a client took it first)
     */
    public Optional<Claim> claim(Path file) throws IOException {
        requireRealDirectory(file.getParent());
        requireRealDirectory(claimed);
        String name = file.getFileName().toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String token = owner.runnerId() + "-" + sequence.incrementAndGet();
        Path target = claimed.resolve(token + "--" + name);
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Claim claim = new Claim(name, target, claimed.resolve(token + "--" + name + ".lease"), owner, now,
                attrs.lastModifiedTime().toMillis());
        renew(claim);
        return Optional.of(claim);
    }

    /**
     * Refuses to move anything through {@code dir} once it is no longer a real directory (replaced by a symbolic
     * link, or removed): one WARN per folder, then an {@link IOException} per attempt, so the trigger stays put.
     */
    public void requireRealDirectory(Path dir) throws UnsafeDirectoryException {
        if (Files.isDirectory(dir, NOFOLLOW)) {
            return;
        }
        String why = Files.isSymbolicLink(dir) ? "was replaced by a symbolic link" : "is not a directory any more";
        if (warnedDirs.add(dir)) {
            LOG.warn("Refusing to move triggers through {}: it {}. The runner never follows links in the trigger "
                    + "root; restore the directory (triggers stay where they are until then).", dir, why);
        }
        throw new UnsafeDirectoryException(dir + " " + why);
    }

    /** Writes (or renews) the claim's lease: owner, claim time and the time the lease runs out. */
    public void renew(Claim claim) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("host", claim.owner().host());
        json.put("pid", claim.owner().pid());
        json.put("runner_id", claim.owner().runnerId());
        json.put("trigger", claim.name());
        json.put("claimed_at", claim.claimedAt().toString());
        json.put("lease_until", clock.instant().plus(lease).toString());
        AtomicFiles.write(claim.lease(), JSON.writeValueAsBytes(json));
    }

    /**
     * Start-up recovery: moves every claimed trigger whose owner is gone ({@code policy}) back to
     * {@code incoming/} under its original name (or a {@code .recovered-<n>} name when a new trigger took it),
     * and deletes its lease.
     *
     * @return the runner ids of the owners whose claims were recovered
     */
    public java.util.Set<String> recoverOrphans(Path incoming, OrphanPolicy policy) throws IOException {
        java.util.Set<String> deadOwners = new java.util.TreeSet<>();
        java.util.List<Path> claims = new java.util.ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(claimed, "*--*")) {
            files.forEach(f -> {
                if (!f.getFileName().toString().endsWith(".lease")) {
                    claims.add(f);
                }
            });
        }
        Instant now = clock.instant();
        for (Path claim : claims) {
            String fileName = claim.getFileName().toString();
            String original = fileName.substring(fileName.indexOf("--") + 2);
            Path leaseFile = claimed.resolve(fileName + ".lease");
            Optional<Lease> lease = readLease(leaseFile);
            boolean orphan;
            if (lease.isPresent()) {
                orphan = !OrphanPolicy.self(lease.get().owner(), owner) && policy.orphaned(lease.get(), now);
            } else {
                orphan = policy.orphanedWithoutLease(Files.getLastModifiedTime(claim, NOFOLLOW).toInstant(), now);
            }
            if (!orphan) {
                continue;
            }
            Path back = incoming.resolve(original);
            if (Files.exists(back, NOFOLLOW)) {
                back = incoming.resolve(original.replaceFirst("\\.trigger$", ".recovered-" + sequence.incrementAndGet()
                        + ".trigger"));
            }
            try {
                Files.move(claim, back, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue; // another runner recovered it first
            }
            Files.deleteIfExists(leaseFile);
            lease.ifPresent(l -> deadOwners.add(l.owner().runnerId()));
            LOG.warn("Recovered trigger {} from claimed/ (owner {} is gone); it runs again",
                    back.getFileName(), lease.map(l -> l.owner().toString()).orElse("unknown, no lease"));
        }
        return deadOwners;
    }

    private static Optional<Lease> readLease(Path file) {
        try {
            var json = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new Lease(new Owner(json.path("host").asText(), json.path("pid").asLong(),
                    json.path("runner_id").asText()), json.path("trigger").asText(),
                    Instant.parse(json.path("claimed_at").asText()), Instant.parse(json.path("lease_until").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The trigger was consumed: deletes it, and its lease last. */
    public void commit(Claim claim) throws IOException {
        try {
            Files.deleteIfExists(claim.path());
        } finally {
            Files.deleteIfExists(claim.lease());
        }
    }

    /** Moves the trigger aside to {@code failed/<id>.trigger} beside {@code failed/<id>.error.json}. */
    public Path reject(Claim claim, String id, byte[] errorJson) throws IOException {
        try {
            requireRealDirectory(failed);
            AtomicFiles.write(failed.resolve(id + ".error.json"), errorJson);
            Path target = failed.resolve(id + ".trigger");
            if (Files.exists(claim.path(), NOFOLLOW)) {
                Files.move(claim.path(), target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } finally {
            Files.deleteIfExists(claim.lease());
        }
    }
}
