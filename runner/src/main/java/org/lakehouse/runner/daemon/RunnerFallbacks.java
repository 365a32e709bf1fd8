package org.lakehouse.runner.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.schedule.FallbackContext;
import org.lakehouse.runner.schedule.FallbackPolicy;
import org.lakehouse.runner.trigger.TriggerName;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/** The runner's side of the Quartz fallbacks: the ledger, the queue and incoming/, and the trigger writer. */
final class RunnerFallbacks implements FallbackContext {
    private final Clock clock;
    private final FallbackPolicy policy;
    private final RunLedger ledger;
    private final Dispatcher dispatcher;
    private final Path incoming;
    private final Path claimed;
    private final Runnable rescan;

    RunnerFallbacks(Clock clock, FallbackPolicy policy, RunLedger ledger, Dispatcher dispatcher, Path incoming,
            Path claimed, Runnable rescan) {
        this.claimed = claimed;
        this.clock = clock;
        this.policy = policy;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.incoming = incoming;
        this.rescan = rescan;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public FallbackPolicy policy() {
        return policy;
    }

    @Override
    public Optional<Instant> lastSuccess(String job) {
        return ledger.lastSuccess(job);
    }

    /**
     * Whether a trigger for {@code job} is in incoming/ or claimed/ (by any runner on this root). A claimed
     * trigger leaves claimed/ only after its success is in the ledger, so there is no moment when a requested run
     * is in neither place nor counted as a recent success.
     */
    @Override
    public boolean requested(String job) {
        return dispatcher.running().containsKey(job) || dispatcher.queued().containsKey(job)
                || holds(incoming, job, false) || holds(claimed, job, true);
    }

    private static boolean holds(Path dir, String job, boolean claimedNames) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TriggerName.SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (claimedNames) {
                    name = name.substring(name.indexOf("--") + 2);
                }
                if (!TriggerName.ignored(name) && TriggerName.job(name).filter(job::equals).isPresent()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true; // cannot tell: do not risk a second run
        }
        return false;
    }

    @Override
    public void request(String job, String id) throws IOException {
        TriggerWriter.write(incoming, new TriggerRequest(job, id, Map.of(), "quartz", null));
        rescan.run();
    }
}
