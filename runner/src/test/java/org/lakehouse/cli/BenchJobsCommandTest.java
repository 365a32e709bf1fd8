package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.bench.PipelineBenchmark;
import org.lakehouse.jobs.bench.growth.GrowthBenchmark;
import org.lakehouse.jobs.core.StreamRun;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code bench bronze}, {@code bench pipeline} and {@code bench growth} through the command line, each on its own
 * throw-away broker, at sizes small enough for two cores: they finish, print well-formed RESULT lines and exit 0.
 * Both keep a short warm-up; the pipeline keeps its full-size warm-up round, the Bronze one skips it, so both paths
 * run.
 */
class BenchJobsCommandTest {
    private static final String NUMBER = "\\d+";
    private static final String DECIMAL = "\\d+\\.\\d";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = LakehouseCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A run and the messages {@code source}'s logger gave meanwhile, DEBUG included. */
    private record Logged(Run run, List<String> messages) {
    }

    private static Logged runLogging(Class<?> source, String... args) {
        Logger log = (Logger) LoggerFactory.getLogger(source);
        Level level = log.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        log.setLevel(Level.DEBUG);
        try {
            Run r = run(args);
            return new Logged(r, logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        } finally {
            log.setLevel(level);
            log.detachAppender(logged);
        }
    }

    @Test
    void bronzePrintsOneResultLineWithItsRatio() {
        Logged logged = runLogging(StreamRun.class, "bench", "bronze", "--events", "3000", "--warmup-runs", "2",
                "--warmup-rounds", "0", "--rounds", "1");
        Run r = logged.run();
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT bronze_events_per_s=" + NUMBER + " noop_events_per_s=" + NUMBER
                        + " ratio=\\d+\\.\\d{3}\\R");
        assertThat(logged.messages())
                .as("at DEBUG each run logs its batches' phase times")
                .anyMatch(m -> m.matches("bronze: batch 0: 3000 row\\(s\\), \\{.*addBatch=\\d+.*\\}"))
                .anyMatch(m -> m.matches("bench-noop: batch 0: 3000 row\\(s\\), \\{.*addBatch=\\d+.*\\}"));
    }

    @Test
    void pipelinePrintsOneResultLineAndReconciles(@TempDir Path dir) {
        Path data = dir.resolve("bench-data");
        Logged logged = runLogging(PipelineBenchmark.class, "bench", "pipeline", "--events", "3000",
                "--warmup-events", "200", "--warmup-runs", "2", "--rounds", "2", "--data-dir", data.toString());
        Run r = logged.run();
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        List<String> rounds = logged.messages().stream()
                .filter(m -> m.matches("(Warm-up round|Round) \\d+/\\d+.*; reconciling.*"))
                .map(m -> m.substring(0, m.indexOf(':')))
                .toList();
        assertThat(rounds).as("the default full-size warm-up round first, then the measured rounds")
                .containsExactly("Warm-up round 1/1 (not reported)", "Round 1/2", "Round 2/2");
        assertThat(r.out()).as("stdout is exactly one RESULT line")
                .matches("RESULT bronze_s=" + DECIMAL + " silver_s=" + DECIMAL + " gold_s=" + DECIMAL
                        + " total_s=" + DECIMAL + " peak_heap_mb=" + NUMBER + "\\R");
        assertThat(r.err()).as("reconcile verdict on stderr").contains("reconcile=OK");
        assertThat(data.resolve("lake").resolve("gold")).as("a given --data-dir keeps the last round's lake")
                .isDirectory();
        assertThat(data.resolve("lake-1")).as("an earlier round's lake, reconciled, is deleted").doesNotExist();
        assertThat(data.resolve("lake-2")).doesNotExist();
        assertThat(data.resolve("warmup-1")).as("a finished warm-up run's lake is deleted").doesNotExist();
        assertThat(data.resolve("warmup-2")).doesNotExist();
    }

    @Test
    void pipelineBesideTheTextbookPrintsBothMediansAndDoesTheSameWork() {
        Logged logged = runLogging(PipelineBenchmark.class, "bench", "pipeline", "--events", "2000", "--rounds", "1",
                "--warmup-rounds", "0", "--warmup-events", "200", "--warmup-runs", "1", "--baseline", "textbook");
        Run r = logged.run();
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.out()).as("stdout is exactly one RESULT line, both sides' medians and ours / textbook")
                .matches("RESULT ours_s=" + DECIMAL + " textbook_s=" + DECIMAL + " ratio=\\d+\\.\\d{3}\\R");
        assertThat(r.err()).as("our lake reconciles").contains("reconcile=OK");
        assertThat(logged.messages()).as("the textbook's Silver kept what ours kept")
                .anyMatch(m -> m.matches("Silver rows: ours (\\d+), textbook \\1"))
                .anyMatch(m -> m.matches("Round 1/1, textbook: bronze_s=.*"));
    }

    @Test
    void growthChecksItsCopiesAndPrintsBothRatios(@TempDir Path dir) {
        Path data = dir.resolve("bench-data");
        Logged logged = runLogging(GrowthBenchmark.class, "bench", "growth", "--history", "20000", "--events", "2000",
                "--rounds", "1", "--warmup-rounds", "0", "--baseline", "textbook", "--data-dir", data.toString());
        Run r = logged.run();
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.out()).as("two RESULT lines: history against empty, ours against the textbook")
                .matches("RESULT round_ms_empty=" + NUMBER + " round_ms_history=" + NUMBER + " ratio=\\d+\\.\\d{3}\\R"
                        + "RESULT ours_round_ms=" + NUMBER + " textbook_round_ms=" + NUMBER
                        + " speedup=\\d+\\.\\d{2}\\R");
        assertThat(r.err()).as("the dedupe guarantee held and the empty lake reconciles").contains("checks=OK");
        assertThat(logged.messages()).as("1 % of the round re-sends history events; each side's stages are logged")
                .anyMatch(m -> m.matches("Round input: 1980 new events and 20 copies of history events in "
                        + "bench-growth-history-\\S+ and bench-growth-round-\\S+ \\(not timed\\)"))
                .anyMatch(m -> m.matches(
                        "Round 1/1, empty lake: bronze_ms=\\d+ silver_ms=\\d+ gold_ms=\\d+ round_ms=\\d+"))
                .anyMatch(m -> m.matches("Round 1/1, history lake: bronze_ms=.*"))
                .anyMatch(m -> m.matches("Round 1/1, textbook, history lake: bronze_ms=.*"));
        assertThat(data.resolve("history").resolve("silver")).as("the history lake is kept in --data-dir")
                .isDirectory();
        assertThat(data.resolve("textbook").resolve("silver")).isDirectory();
    }

    @Test
    void growthRefusesSizesThatMeasureNothing() {
        Run noHistory = run("bench", "growth", "--history", "0");
        assertThat(noHistory.exitCode()).as("--history 0").isEqualTo(2);
        assertThat(noHistory.err()).contains("--history 0 is not allowed").contains("Pass --history");
        assertThat(run("bench", "growth", "--events", "0").exitCode()).as("--events 0").isEqualTo(2);
        assertThat(run("bench", "growth", "--rounds", "0").exitCode()).as("--rounds 0").isEqualTo(2);
        Run badSpan = run("bench", "growth", "--span", "90 days");
        assertThat(badSpan.exitCode()).as("--span 90 days").isEqualTo(2);
        assertThat(badSpan.err()).contains("not an ISO-8601 duration").contains("P90D");
        Run badBaseline = run("bench", "growth", "--baseline", "tutorial");
        assertThat(badBaseline.exitCode()).as("--baseline tutorial").isEqualTo(2);
        assertThat(badBaseline.err()).contains("'tutorial' is not a baseline; use textbook");
        assertThat(run("bench", "pipeline", "--baseline", "parquet").err()).as("pipeline's baselines")
                .contains("'parquet' is not a baseline; use textbook");
    }

    @Test
    void nonEmptyDataDirAndBadSizesAreUsageErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("something"), "x");
        Run busy = run("bench", "pipeline", "--events", "10", "--data-dir", dir.toString());
        assertThat(busy.exitCode()).as("a non-empty --data-dir").isEqualTo(2);
        assertThat(busy.err()).as("what and how to fix").contains("is not empty").contains("--data-dir");
        assertThat(run("bench", "bronze", "--rounds", "0").exitCode()).as("--rounds 0").isEqualTo(2);
        assertThat(run("bench", "pipeline", "--rounds", "0").exitCode()).as("pipeline --rounds 0").isEqualTo(2);
        assertThat(run("bench", "bronze", "--events", "0").exitCode()).as("--events 0").isEqualTo(2);
        Run noWarmupRuns = run("bench", "pipeline", "--warmup-runs", "0");
        assertThat(noWarmupRuns.exitCode()).as("--warmup-runs 0").isEqualTo(2);
        assertThat(noWarmupRuns.err()).as("how to skip the warm-up instead").contains("--warmup-events 0");
        Run negativeWarmupRounds = run("bench", "bronze", "--warmup-rounds", "-1");
        assertThat(negativeWarmupRounds.exitCode()).as("--warmup-rounds -1").isEqualTo(2);
        assertThat(negativeWarmupRounds.err()).as("what is allowed").contains("pass 0");
        Run badBaseline = run("bench", "bronze", "--baseline", "delta");
        assertThat(badBaseline.exitCode()).as("--baseline delta").isEqualTo(2);
        assertThat(badBaseline.err()).as("the baselines there are").contains("'delta' is not a baseline")
                .contains("noop or parquet");
    }

    @Test
    void bronzeAgainstPlainParquetNamesItsBaseline(@TempDir Path dir) {
        Path data = dir.resolve("bench-data");
        Run r = run("bench", "bronze", "--baseline", "PARQUET", "--events", "3000", "--warmup-runs", "1",
                "--warmup-rounds", "0", "--rounds", "1", "--data-dir", data.toString());
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.out()).as("the baseline's figure is named after it")
                .matches("RESULT bronze_events_per_s=" + NUMBER + " parquet_events_per_s=" + NUMBER
                        + " ratio=\\d+\\.\\d{3}\\R");
        assertThat(data.resolve("parquet")).as("the measured baseline run's checkpoint").isDirectory();
        assertThat(data.resolve("parquet").resolve("round-1-rows")).as("its files are deleted once timed")
                .doesNotExist();
    }
}
