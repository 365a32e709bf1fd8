/**
 * The runner's benchmarks: trigger-to-start latency with a no-op job, a warm empty run beside a cold JVM, start-up on
 * a long ledger, and (package {@code freshness}) freshness under a steady load.
 */
package org.lakehouse.runner.bench;
