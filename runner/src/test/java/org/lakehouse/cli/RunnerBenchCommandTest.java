package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench trigger-latency} and {@code bench empty-run} at small sizes: they finish and print one well-formed
 * RESULT line (the figures themselves come from running the benchmarks, not from tests).
 */
class RunnerBenchCommandTest {
    @Test
    void triggerLatencyPrintsOneResultLine() {
        CliRun r = CliRun.run("bench", "trigger-latency", "--triggers", "100", "--rate", "500");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT trigger_to_start_p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d triggers_per_s=\\d+ runners=1\\R");
    }

    @Test
    void triggerLatencyWithTwoRunnerProcessesPrintsOneResultLine() {
        CliRun r = CliRun.run("bench", "trigger-latency", "--triggers", "100", "--rate", "500", "--runners", "2");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT trigger_to_start_p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d triggers_per_s=\\d+ runners=2\\R");
        assertThat(CliRun.run("bench", "trigger-latency", "--runners", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void ledgerPrintsOneResultLine() {
        CliRun r = CliRun.run("bench", "ledger", "--entries", "5000");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT startup_ms=\\d+ runs_page_ms=\\d+\\.\\d entries=5000\\R");
        assertThat(CliRun.run("bench", "ledger", "--entries", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void emptyRunPrintsOneResultLineBesideAColdJvm() {
        CliRun r = CliRun.run("bench", "empty-run", "--events", "300", "--rounds", "2");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT empty_run_ms=\\d+ cold_run_ms=\\d+\\R");
    }
}
