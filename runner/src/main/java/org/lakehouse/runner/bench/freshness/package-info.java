/**
 * The freshness benchmark: orders sent at a steady rate through a continuously running pipeline, and each valid
 * order's time from its send to the first Gold commit that counts it, computed after the run from the Delta logs,
 * Gold's streaming checkpoint and the runner's ledger.
 */
package org.lakehouse.runner.bench.freshness;
