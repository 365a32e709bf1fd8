package org.lakehouse.runner.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;

class RunRowsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static LedgerEntry line(int s, LedgerEvent event, String job, String run, String trigger, Integer attempt,
            String error) {
        JobMetrics metrics = event == LedgerEvent.SUCCEEDED ? new JobMetrics(job, T0, 5, 1, 10, 8,
                Map.of("quarantine_rows", 2L), null, null) : null;
        return new LedgerEntry(T0.plusSeconds(s), event, job, run, List.of(trigger), attempt, "runner-1",
                event == LedgerEvent.STARTED ? List.of("chain:x") : null,
                event == LedgerEvent.STARTED ? Map.of("p", "1") : null,
                event == LedgerEvent.SUCCEEDED || event == LedgerEvent.FAILED ? 5L : null, metrics, error, null);
    }

    @Test
    void foldsEachRunsLinesNewestFirst() {
        List<RunRow> rows = RunRows.of(List.of(
                line(0, LedgerEvent.STARTED, "silver", "r1", "t1", 1, null),
                line(1, LedgerEvent.RETRYING, "silver", "r1", "t1", 1, "broker down"),
                line(2, LedgerEvent.STARTED, "silver", "r1", "t1", 2, null),
                line(3, LedgerEvent.SUCCEEDED, "silver", "r1", "t1", 2, null),
                line(4, LedgerEvent.REJECTED, "spark", null, "t2", null, "There is no job named 'spark'"),
                line(5, LedgerEvent.STARTED, "gold", "r2", "t3", 1, null)));
        assertThat(rows).extracting(RunRow::status).as("newest first")
                .containsExactly("RUNNING", "REJECTED", "SUCCEEDED");
        RunRow silver = rows.get(2);
        assertThat(silver.attempts()).isEqualTo(2);
        assertThat(silver.startedAt()).as("the first attempt's start").isEqualTo(T0);
        assertThat(silver.finishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(silver.requestedBy()).containsExactly("chain:x");
        assertThat(silver.params()).containsEntry("p", "1");
        assertThat(silver.quarantined()).isEqualTo(2);
        assertThat(silver.error()).as("success clears the retry's error").isNull();
        assertThat(rows.get(1).runId()).isNull();
        assertThat(rows.get(1).error()).contains("spark");
    }

    @Test
    void filtersByJobStatusRequesterAndTrigger() {
        List<RunRow> rows = RunRows.of(List.of(
                line(0, LedgerEvent.STARTED, "silver", "r1", "nightly-1", 1, null),
                line(1, LedgerEvent.SUCCEEDED, "silver", "r1", "nightly-1", 1, null),
                line(2, LedgerEvent.STARTED, "gold", "r2", "adhoc-2", 1, null),
                line(3, LedgerEvent.FAILED, "gold", "r2", "adhoc-2", 1, "boom")));
        assertThat(rows.stream().filter(new RunRows.Filter("gold", null, null, null)::test)).hasSize(1);
        assertThat(rows.stream().filter(new RunRows.Filter(null, "succeeded", null, null)::test))
                .extracting(RunRow::runId).containsExactly("r1");
        assertThat(rows.stream().filter(new RunRows.Filter(null, null, "CHAIN", null)::test)).hasSize(2);
        assertThat(rows.stream().filter(new RunRows.Filter(null, null, null, "nightly")::test))
                .extracting(RunRow::runId).containsExactly("r1");
        assertThat(RunRows.latest(rows, "gold")).get().extracting(RunRow::status).isEqualTo("FAILED");
    }
}
