package org.lakehouse.runner.assembly;

import java.io.IOException;
import java.util.Optional;
import org.lakehouse.runner.continuous.ContinuousHost;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.root.Folder;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon's side of continuous mode: its queue, the trigger root, the fleet's ledger and the trigger writer. */
final class DaemonContinuous implements ContinuousHost {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonContinuous.class);

    private final Runner runner;

    DaemonContinuous(Runner runner) {
        this.runner = runner;
    }

    /**
     * Running or queued here (the run that just ended aside: the dispatcher frees its job just after telling), or
     * waiting in incoming/ or claimed/ (by any runner on the root). A claimed trigger leaves claimed/ only once its
     * outcome is in the ledger, so a request is never in none of these places while it is open. A root that cannot
     * be listed counts as outstanding.
     */
    @Override
    public boolean outstanding(String job, String endedRunId) {
        String running = runner.running().get(job);
        if (running != null && !running.equals(endedRunId)) {
            return true;
        }
        return runner.queued().getOrDefault(job, 0) > 0 || runner.root().holdsJob(job);
    }

    @Override
    public Optional<String> succeededRun(String triggerId) {
        try {
            runner.ledger().refresh();
        } catch (IOException e) {
            LOG.debug("Cannot read the ledger's newest lines: {}", e.toString()); // the run's start decides anyway
        }
        return runner.ledger().succeededRun(triggerId);
    }

    @Override
    public void write(TriggerRequest request) throws IOException {
        TriggerWriter.write(runner.root().require(Folder.INCOMING), request);
        runner.rescanNow();
    }
}
