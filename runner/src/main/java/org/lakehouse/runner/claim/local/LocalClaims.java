package org.lakehouse.runner.claim.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.claim.ClaimStrategy;
import org.lakehouse.runner.claim.Heartbeat;
import org.lakehouse.runner.claim.OrphanPolicy;
import org.lakehouse.runner.claim.Owner;
import org.lakehouse.runner.claim.Recovery;
import org.lakehouse.runner.result.AtomicFiles;
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.ClaimedEntry;
import org.lakehouse.runner.root.ClaimedName;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims on a POSIX filesystem (local, or shared by several hosts): a claim is one atomic rename from
 * {@code incoming/} into {@code claimed/} under a {@link ClaimedName} that records the owner, so exactly one runner
 * wins it; the owner's heartbeat ({@code runners/<id>.json}) is the lease on all its claims. Links are never
 * followed, and every folder is re-checked before use ({@link TriggerRoot#require}). Thread-safe.
 */
public final class LocalClaims implements ClaimStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClaims.class);
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final TriggerRoot root;
    private final Owner owner;
    private final Duration leaseTerm;
    private final OrphanPolicy policy;
    private final Clock clock;
    private final Heartbeats heartbeats;
    private final Instant startedAt;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile boolean released;

    public LocalClaims(TriggerRoot root, Owner owner, Duration leaseTerm, OrphanPolicy policy, Clock clock) {
        this.root = root;
        this.owner = owner;
        this.leaseTerm = leaseTerm;
        this.policy = policy;
        this.clock = clock;
        this.heartbeats = new Heartbeats(root);
        this.startedAt = clock.instant();
    }

    @Override
    public Optional<Claim> claim(Path candidate) throws IOException {
        Path incoming = root.require(Folder.INCOMING);
        Path claimed = root.require(Folder.CLAIMED);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(candidate, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String name = candidate.getFileName().toString();
        ClaimedName claimedName = ClaimedName.of(owner.runnerId(), sequence.incrementAndGet(), name);
        Path target = claimed.resolve(claimedName.fileName());
        try {
            // the listed path keeps the name's raw bytes; moving it by that path works whatever their encoding
            Files.move(incoming.resolve(candidate.getFileName()), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new Claim(name, claimedName, target, owner, clock.instant(),
                attrs.lastModifiedTime().toMillis(), attrs.size()));
    }

    @Override
    public byte[] read(Claim claim, int cap) throws IOException {
        root.require(Folder.CLAIMED);
        return BoundedFiles.read(claim.path(), cap);
    }

    @Override
    public void renew() throws IOException {
        if (!released) {
            heartbeats.write(new Heartbeat(owner, startedAt, clock.instant().plus(leaseTerm)));
        }
    }

    @Override
    public void commit(Claim claim) throws IOException {
        root.require(Folder.CLAIMED);
        Files.deleteIfExists(claim.path());
    }

    @Override
    public Path reject(Claim claim, String id, byte[] errorJson) throws IOException {
        Path failed = root.require(Folder.FAILED);
        root.require(Folder.CLAIMED);
        AtomicFiles.write(failed.resolve(id + ".error.json"), errorJson);
        Path target = failed.resolve(id + ".trigger");
        if (Files.exists(claim.path(), NOFOLLOW)) {
            Files.move(claim.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    @Override
    public Recovery recoverOrphans() throws IOException {
        Instant now = clock.instant();
        Map<String, Optional<Heartbeat>> seen = new HashMap<>();
        Set<String> gone = new TreeSet<>();
        List<String> requeued = new ArrayList<>();
        List<String> setAside = new ArrayList<>();
        for (ClaimedEntry entry : root.claimedEntries()) {
            if (entry.name().isEmpty()) {
                setAside(entry, now).ifPresent(setAside::add);
                continue;
            }
            ClaimedName name = entry.name().get();
            if (name.runnerId().equals(owner.runnerId())) {
                continue;
            }
            if (name.stored().endsWith(".lease")) {
                Files.deleteIfExists(entry.path()); // a per-claim lease of an older runner version
                continue;
            }
            Optional<Heartbeat> hb = seen.computeIfAbsent(name.runnerId(), heartbeats::read);
            Instant modified;
            try {
                modified = Files.getLastModifiedTime(entry.path(), NOFOLLOW).toInstant();
            } catch (NoSuchFileException e) {
                continue; // its owner committed it meanwhile
            }
            if (!policy.gone(hb, modified, now)) {
                continue;
            }
            Optional<String> back = requeue(entry.path(), name);
            if (back.isPresent()) {
                requeued.add(back.get());
                gone.add(name.runnerId());
                LOG.warn("Recovered trigger {} from claimed/ (its runner {} is gone); it runs again",
                        LogSafe.text(back.get()), LogSafe.text(hb.map(h -> h.owner().toString())
                                .orElse(name.runnerId() + ", no heartbeat")));
            }
        }
        for (Map.Entry<String, Optional<Heartbeat>> e : seen.entrySet()) {
            if (e.getValue().isPresent() && policy.gone(e.getValue().get(), now)) {
                heartbeats.delete(e.getKey());
            }
        }
        return new Recovery(gone, requeued, setAside);
    }

    private Optional<String> requeue(Path orphan, ClaimedName name) throws IOException {
        Path incoming = root.require(Folder.INCOMING);
        String original = name.stored();
        // take the orphan over first (one atomic rename: of several survivors exactly one wins it)
        Path claimedFile = root.claimedPath(ClaimedName.of(owner.runnerId(), sequence.incrementAndGet(), original));
        try {
            Files.move(orphan, claimedFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        for (int n = 0; n < 100; n++) {
            String candidate = n == 0 ? original : original.replaceFirst("\\.trigger$", "") + ".recovered-"
                    + name.sequence() + "-" + n + ".trigger";
            Path back = incoming.resolve(candidate);
            if (Files.exists(back, NOFOLLOW)) {
                continue;
            }
            try {
                // a hard link never replaces a file a client wrote meanwhile; then the claimed entry goes
                Files.createLink(back, claimedFile);
                Files.deleteIfExists(claimedFile);
                return Optional.of(candidate);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (NoSuchFileException e) {
                return Optional.empty(); // another runner recovered it first
            } catch (UnsupportedOperationException | IOException e) {
                return moveBack(claimedFile, back, candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> moveBack(Path claimedFile, Path back, String candidate) throws IOException {
        try {
            Files.move(claimedFile, back, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(candidate);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** An entry of claimed/ the codec did not write: moved to failed/, one WARN. Empty when nothing was moved. */
    private Optional<String> setAside(ClaimedEntry entry, Instant now) {
        try {
            Path failed = root.require(Folder.FAILED);
            String aside = "unclaimed-" + now.toEpochMilli() + "-" + sequence.incrementAndGet() + ".entry";
            Files.move(entry.path(), failed.resolve(aside), StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("Moved {} out of claimed/ to failed/{}: it is not a claim this runner writes "
                    + "(<runner id>-<n>--<trigger name>)", LogSafe.text(entry.fileName()), aside);
            return Optional.of(aside);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (warned.add(entry.fileName())) {
                LOG.warn("Cannot set aside {} in claimed/: {}", LogSafe.text(entry.fileName()),
                        LogSafe.text(e.toString()));
            }
            return Optional.empty();
        }
    }

    @Override
    public boolean gone(String runnerId) {
        if (owner.runnerId().equals(runnerId)) {
            return false;
        }
        Optional<Heartbeat> hb = heartbeats.read(runnerId);
        return hb.isEmpty() || policy.gone(hb.get(), clock.instant());
    }

    @Override
    public void release() {
        released = true;
        try {
            // an expired lease, not a missing one: the others take over what is left at once
            heartbeats.write(new Heartbeat(owner, startedAt, clock.instant().minusMillis(1)));
        } catch (IOException e) {
            LOG.warn("Cannot remove this runner's heartbeat: {}; its claims become orphans after one lease term",
                    LogSafe.text(e.toString()));
        }
    }
}
