package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.claim.ClaimGate;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.FileTooLargeException;
import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.NotRegularFileException;
import org.lakehouse.runner.root.UnsafeDirectoryException;
import org.lakehouse.runner.root.TriggerName;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes candidate files from watch events and rescans through the one {@link ClaimGate}: waits until a file is
 * ready, claims it, checks it ({@link TriggerCheck}) and hands it to the dispatcher, or answers it.
 *
 * <p>Ready means: a complete JSON object (a top-level object only parses once its closing brace is written), or an
 * empty or unparseable file left unchanged for the settle time, or anything that is not a readable regular file of
 * at most {@code max-trigger-bytes} (claimed at once, then rejected). A file still changing after
 * {@link #maxWait} (a writer that never stops, a modification time in the future) is claimed and judged as it is.
 * The content read to decide readiness is the content checked, when the claimed file is unchanged: one read and
 * one parse per claim. Nothing is looked at or claimed while any folder of the root is unsafe
 * ({@link org.lakehouse.runner.root.TriggerRoot#requireAll}): the file waits in {@code incoming/} until it is restored.
 */
final class TriggerIntake {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerIntake.class);

    private final RunnerContext ctx;
    private final TriggerCheck check;
    private final Outcomes outcomes;
    private final Dispatcher dispatcher;
    private final ClaimGate gate = new ClaimGate();
    private final int maxBytes;
    private final Duration settle;
    private final Duration maxWait;
    private final Set<String> warnedNames = ConcurrentHashMap.newKeySet();
    /** Name → when it was first seen not ready; a name is re-checked by at most one timer at a time. */
    private final Map<String, Instant> notReady = new ConcurrentHashMap<>();
    private final Set<String> recheckScheduled = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    private volatile Instant lastRescan;
    private final java.util.concurrent.atomic.AtomicLong rescans = new java.util.concurrent.atomic.AtomicLong();

    TriggerIntake(RunnerContext ctx, TriggerCheck check, Outcomes outcomes, Dispatcher dispatcher) {
        this.ctx = ctx;
        this.check = check;
        this.outcomes = outcomes;
        this.dispatcher = dispatcher;
        this.maxBytes = ctx.config().maxTriggerBytes();
        this.settle = ctx.config().settle();
        this.maxWait = settle.multipliedBy(20).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : settle.multipliedBy(20);
    }

    /** Offers every file now in {@code incoming/}. */
    void rescan() {
        if (!open) {
            return;
        }
        Instant now = ctx.clock().instant();
        lastRescan = now;
        notReady.values().removeIf(t -> t.isBefore(now.minus(maxWait.multipliedBy(3)))); // names that vanished
        try {
            for (Path f : ctx.root().incomingFiles()) {
                offer(f);
            }
        } catch (UnsafeDirectoryException e) {
            // warned once by the root
        } catch (IOException e) {
            LOG.warn("Cannot list incoming/: {}; the next rescan tries again", LogSafe.text(e.toString()));
        }
        rescans.incrementAndGet();
    }

    /** Rescans of {@code incoming/} completed so far. */
    long rescans() {
        return rescans.get();
    }

    /** Considers one file; safe to call from any thread, any number of times. */
    void offer(Path file) {
        String name = file.getFileName().toString();
        if (!open) {
            return;
        }
        if (TriggerName.ignored(name)) {
            warnIfNotATrigger(name);
            return;
        }
        if (!gate.tryEnter(name)) {
            return;
        }
        try {
            // before any look at the file: a watch event may name it through an incoming/ that is now a link
            ctx.root().requireAll();
            Readiness r = readiness(file, name);
            if (r == null) {
                notReady.remove(name);
                return;
            }
            if (r.waitFor() != null) {
                if (recheckScheduled.add(name)) {
                    ctx.timer().schedule(() -> {
                        recheckScheduled.remove(name);
                        offer(file);
                    }, Math.max(1, r.waitFor().toMillis()), TimeUnit.MILLISECONDS);
                }
                return;
            }
            notReady.remove(name);
            Optional<Claim> claim = ctx.claims().claim(file);
            if (claim.isPresent()) {
                ctx.meters().trigger(RunnerMetrics.Outcome.CLAIMED, 1);
                FaultInjection.point("after-claim");
                accept(claim.get(), r);
            }
        } catch (UnsafeDirectoryException e) {
            LOG.debug("Not taking {}: {}", LogSafe.text(name), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot take trigger {}: {}; the next rescan tries again", LogSafe.text(name),
                    LogSafe.text(e.toString()));
        } finally {
            gate.leave(name);
        }
    }

    /**
     * What a look at a file found: ready to claim (with the content read, when it could be read), or how long to
     * wait before looking again.
     */
    private record Readiness(Duration waitFor, byte[] content, long size, long modified, TriggerRequest parsed) {
        Readiness(Duration waitFor, byte[] content, long size, long modified) {
            this(waitFor, content, size, modified, null);
        }
    }

    /** Null when the file is gone. */
    private Readiness readiness(Path file, String name) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        long size = attrs.size();
        long modified = attrs.lastModifiedTime().toMillis();
        if (!attrs.isRegularFile() || size > maxBytes) {
            return new Readiness(null, null, size, modified); // claimed, then rejected without reading it whole
        }
        byte[] content;
        try {
            content = BoundedFiles.read(file, maxBytes);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException | FileTooLargeException | NotRegularFileException e) {
            return new Readiness(null, null, size, modified);
        }
        Optional<TriggerRequest> parsed = check.complete(name, content, modified);
        if (parsed.isPresent()) {
            return new Readiness(null, content, size, modified, parsed.get());
        }
        Instant now = ctx.clock().instant();
        Instant first = notReady.computeIfAbsent(name, n -> now);
        if (Duration.between(first, now).compareTo(maxWait) >= 0) {
            return new Readiness(null, content, size, modified); // still changing: judged as it is
        }
        long ageMs = Math.max(0, now.toEpochMilli() - modified); // a future modification time counts as just now
        Duration age = Duration.ofMillis(ageMs);
        if (age.compareTo(settle) >= 0) {
            return new Readiness(null, content, size, modified);
        }
        return new Readiness(settle.minus(age), null, size, modified);
    }

    /** The claimed file is ours now: reject it, or queue it (idempotency is checked when its run starts). */
    private void accept(Claim claim, Readiness seen) throws IOException {
        byte[] content = seen.content();
        boolean unchanged = content != null && claim.size() == seen.size() && claim.modifiedMillis() == seen.modified();
        if (!unchanged) {
            try {
                content = ctx.claims().read(claim, maxBytes);
            } catch (NotRegularFileException e) {
                String why = Files.isSymbolicLink(claim.path()) ? "The trigger is a symbolic link; the runner never "
                        + "follows links." : "The trigger is not a regular file (" + e.getMessage() + ").";
                outcomes.rejected(claim, TriggerCheck.fallbackId(claim, new byte[0]), TriggerCheck.fallbackJob(claim),
                        why + " Write a regular file (temporary name, then rename).");
                return;
            } catch (FileTooLargeException e) {
                outcomes.rejected(claim, TriggerCheck.fallbackId(claim, new byte[0]), TriggerCheck.fallbackJob(claim),
                        "The trigger is " + e.size() + " bytes, over the limit of " + e.cap() + " bytes "
                                + "(max-trigger-bytes). A trigger holds only a job's parameters; shorten it.");
                return;
            } catch (AccessDeniedException e) {
                outcomes.rejected(claim, TriggerCheck.fallbackId(claim, new byte[0]), TriggerCheck.fallbackJob(claim),
                        "The trigger cannot be read by the runner's user (permission denied). Make it readable "
                                + "by the runner's group (chmod g+r) before renaming it into incoming/.");
                return;
            }
        }
        TriggerCheck.Verdict v = check.check(claim, content, unchanged ? seen.parsed() : null);
        if (!v.ok()) {
            outcomes.rejected(claim, v.rejectedId(), v.rejectedJob(), v.reason());
            return;
        }
        LOG.debug("Claimed {} as {} for {}", LogSafe.text(claim.name()), v.request().id(), v.request().job());
        dispatcher.submit(new Pending(claim, v.request()));
    }

    private void warnIfNotATrigger(String name) {
        boolean notTrigger = !name.startsWith(".") && !name.endsWith(".tmp") && !name.endsWith(".part")
                && !name.endsWith(".swp") && !name.endsWith("~");
        if (notTrigger && warnedNames.size() < 10_000 && warnedNames.add(name)) {
            LOG.warn("Ignoring {} in incoming/: trigger files end in .trigger (e.g. silver.trigger)",
                    LogSafe.text(name));
        }
    }

    void close() {
        open = false;
    }

    /** When {@code incoming/} was last listed, or null before the first rescan. */
    Instant lastRescan() {
        return lastRescan;
    }
}
