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
                .matches("RESULT trigger_to_start_p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d triggers_per_s=\\d+\\R");
    }

    @Test
    void emptyRunPrintsOneResultLineBesideAColdJvm() {
        CliRun r = CliRun.run("bench", "empty-run", "--events", "300", "--rounds", "2");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT empty_run_ms=\\d+ cold_run_ms=\\d+\\R");
    }
}
