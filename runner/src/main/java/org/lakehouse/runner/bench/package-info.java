/** The runner's benchmarks: trigger-to-start latency with a no-op job, and a warm empty run beside a cold JVM. */
package org.lakehouse.runner.bench;
