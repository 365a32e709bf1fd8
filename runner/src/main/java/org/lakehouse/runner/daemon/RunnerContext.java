package org.lakehouse.runner.daemon;

import java.time.Clock;
import org.lakehouse.runner.claim.ClaimStrategy;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.root.TriggerRoot;

/**
 * What every part of the daemon shares: its settings, the trigger root, the fleet's ledger, the claim strategy,
 * time (a clock and a scheduler that tests replace), the meters and who this runner is.
 */
record RunnerContext(RunnerConfig config, TriggerRoot root, RunLedger ledger, ClaimStrategy claims, Clock clock,
        java.util.concurrent.ScheduledExecutorService timer, RunnerMetrics meters, String runnerId) {
}
