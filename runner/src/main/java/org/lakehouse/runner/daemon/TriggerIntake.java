package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lakehouse.runner.claim.Claim;
import org.lakehouse.runner.claim.ClaimGate;
import org.lakehouse.runner.claim.TriggerStore;
import org.lakehouse.runner.claim.UnsafeDirectoryException;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.trigger.BadTriggerException;
import org.lakehouse.runner.trigger.ParamGuard;
import org.lakehouse.runner.trigger.TriggerIds;
import org.lakehouse.runner.trigger.TriggerName;
import org.lakehouse.runner.trigger.TriggerParser;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes candidate files from watch events and rescans through the one {@link ClaimGate}: waits until a file is
 * ready, claims it, then validates it (job, params, idempotency) and hands it to the dispatcher or answers it.
 *
 * <p>Ready means: a complete JSON object (a top-level object only parses once its closing brace is written), or an
 * empty or unparseable file left unchanged for the settle time. A file that is not ready is looked at again when
 * its settle time is up; an unparseable one that settled is claimed and rejected.
 */
final class TriggerIntake {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerIntake.class);

    private final Path incoming;
    private final ClaimGate gate;
    private final TriggerStore store;
    private final TriggerParser parser;
    private final ParamGuard guard;
    private final JobLauncher launcher;
    private final RunLedger ledger;
    private final Outcomes outcomes;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final Duration settle;
    private final int maxBytes;
    private final Clock clock;
    private final RunnerMetrics meters;
    private final Set<String> warnedNames = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    private volatile java.time.Instant lastRescan;

    TriggerIntake(Path incoming, ClaimGate gate, TriggerStore store, TriggerParser parser, ParamGuard guard,
            JobLauncher launcher,
            RunLedger ledger, Outcomes outcomes, Dispatcher dispatcher, ScheduledExecutorService timer,
            Duration settle, int maxBytes, Clock clock, RunnerMetrics meters) {
        this.meters = meters;
        this.incoming = incoming;
        this.gate = gate;
        this.store = store;
        this.parser = parser;
        this.guard = guard;
        this.launcher = launcher;
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.settle = settle;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Offers every file now in {@code incoming/}, oldest first by name order of the listing. */
    void rescan() {
        if (!open) {
            return;
        }
        lastRescan = clock.instant();
        try {
            store.requireRealDirectory(incoming);
        } catch (UnsafeDirectoryException e) {
            return; // warned once by the store
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path f : files) {
                offer(f);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}; the next rescan tries again", incoming, e.toString());
        }
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
            Optional<Duration> wait = readiness(file);
            if (wait == null) {
                return;
            }
            if (wait.isPresent()) {
                timer.schedule(() -> offer(file), Math.max(1, wait.get().toMillis()), TimeUnit.MILLISECONDS);
                return;
            }
            Optional<Claim> claim = store.claim(file);
            if (claim.isPresent()) {
                meters.trigger(RunnerMetrics.Outcome.CLAIMED, 1);
                accept(claim.get());
            }
        } catch (UnsafeDirectoryException e) {
            LOG.debug("Not taking {}: {}", TriggerParser.printable(name), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot take trigger {}: {}; the next rescan tries again", TriggerParser.printable(name),
                    e.toString());
        } finally {
            gate.leave(name);
        }
    }

    /** Null when the file is gone, empty when it can be claimed now, else how long to wait before looking again. */
    private Optional<Duration> readiness(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attrs.isRegularFile() || attrs.size() > maxBytes) {
            return Optional.empty();
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        boolean complete;
        try {
            complete = content.length > 0 && parser.parse(file.getFileName().toString(), content, 0) != null;
        } catch (BadTriggerException e) {
            complete = false;
        }
        if (complete) {
            return Optional.empty();
        }
        Duration age = Duration.ofMillis(clock.millis() - attrs.lastModifiedTime().toMillis());
        return age.compareTo(settle) >= 0 ? Optional.empty() : Optional.of(settle.minus(age));
    }

    /** The claimed file is ours now: reject it, answer it as a duplicate, or queue it. */
    private void accept(Claim claim) throws IOException {
        byte[] content = Files.isRegularFile(claim.path(), LinkOption.NOFOLLOW_LINKS)
                ? Files.readAllBytes(claim.path()) : new byte[0];
        String fallbackJob = TriggerName.job(claim.name()).orElse("invalid");
        String fallbackId = TriggerIds.derive(fallbackJob, claim.name(), content, claim.modifiedMillis());
        if (Files.isSymbolicLink(claim.path())) {
            outcomes.rejected(claim, fallbackId, fallbackJob, "The trigger is a symbolic link; the runner never "
                    + "follows links. Write a regular file (temporary name, then rename).");
            return;
        }
        if (!Files.isRegularFile(claim.path(), LinkOption.NOFOLLOW_LINKS)) {
            outcomes.rejected(claim, fallbackId, fallbackJob, "The trigger is not a regular file. Write a regular "
                    + "file (temporary name, then rename).");
            return;
        }
        TriggerRequest request;
        try {
            request = parser.parse(claim.name(), content, claim.modifiedMillis());
        } catch (BadTriggerException e) {
            outcomes.rejected(claim, e.id() != null ? e.id() : fallbackId, fallbackJob, e.getMessage());
            return;
        }
        if (!launcher.jobs().contains(request.job())) {
            outcomes.rejected(claim, request.id(), request.job(), "There is no job named '" + request.job()
                    + "'. Jobs: " + String.join(", ", launcher.jobs()) + ". Name the file <job>.trigger.");
            return;
        }
        try {
            Map<String, String> params = guard.check(request.job(), request.params(),
                    launcher.pathParams(request.job()), launcher.brokerParams(request.job()), request.id());
            request = new TriggerRequest(request.job(), request.id(), params, request.requestedBy(),
                    request.notBefore());
        } catch (BadTriggerException e) {
            outcomes.rejected(claim, request.id(), request.job(), e.getMessage());
            return;
        }
        Optional<String> badParams = launcher.checkParams(request.job(), request.params());
        if (badParams.isPresent()) {
            outcomes.rejected(claim, request.id(), request.job(), badParams.get());
            return;
        }
        Pending pending = new Pending(claim, request);
        Optional<String> original = ledger.succeededRun(request.id());
        if (original.isPresent()) {
            outcomes.duplicate(pending, original.get());
            return;
        }
        LOG.debug("Claimed {} as {} for {}", claim.name(), request.id(), request.job());
        FaultInjection.point("after-claim");
        dispatcher.submit(pending);
    }

    private void warnIfNotATrigger(String name) {
        boolean notTrigger = !name.startsWith(".") && !name.endsWith(".tmp") && !name.endsWith(".part")
                && !name.endsWith(".swp") && !name.endsWith("~");
        if (notTrigger && warnedNames.add(name)) {
            LOG.warn("Ignoring {} in {}: trigger files end in .trigger (e.g. silver.trigger)",
                    TriggerParser.printable(name), incoming);
        }
    }

    void close() {
        open = false;
    }

    /** When {@code incoming/} was last listed, or null before the first rescan. */
    java.time.Instant lastRescan() {
        return lastRescan;
    }
}
