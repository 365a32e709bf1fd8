package org.lakehouse.runner.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.daemon.RunnerHealth;
import org.lakehouse.runner.http.StatusServer;
import org.lakehouse.runner.launch.NoopLauncher;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerLines;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up and paging on a long history: builds a trigger root whose ledger holds {@code entries} lines as runners
 * write them (STARTED then SUCCEEDED with metrics, per run; every tenth trigger also answered DUPLICATE), lets a
 * runner compact it as it would have while running, then times a new runner from {@code start} until it starts the
 * run of a trigger that was waiting, and the first page of {@code /runs} over HTTP (after one {@code /health}
 * request, so the HTTP client's first-use cost is left out).
 */
public final class LedgerBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerBenchmark.class);

    /** What one run printed. */
    public record Result(long entries, long startupMs, double runsPageMs) {
        public String resultLine() {
            return String.format(Locale.ROOT, "RESULT startup_ms=%d runs_page_ms=%.1f entries=%d", startupMs,
                    runsPageMs, entries);
        }
    }

    private final Path workDir;
    private final long entries;

    public LedgerBenchmark(Path workDir, long entries) {
        this.workDir = workDir;
        this.entries = entries;
    }

    public Result run() throws IOException, InterruptedException {
        RunnerConfig config = RunnerConfig.from(workDir, Map.of("trigger-root", workDir.resolve("triggers")
                .toString(), "warm-up", "false", "http-port", "-1"));
        config.root().prepare();
        long built = build(config.ledger());
        try (RunLedger ledger = RunLedger.open(config.ledger())) {
            ledger.compact(); // a running runner would have written its snapshots along the way
        }
        LOG.info("Ledger benchmark: {} entries written; timing a runner's start", built);
        TriggerWriter.write(config.incoming(), TriggerRequest.of("noop", "after-history", Map.of()));
        CountDownLatch started = new CountDownLatch(1);
        RunListener listener = new RunListener() {
            @Override
            public void started(String runId, String job, List<String> triggerIds, int attempt) {
                started.countDown();
            }
        };
        long t0 = System.nanoTime();
        long startupMs;
        try (Runner runner = Runner.start(config, new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(), listener,
                true)) {
            if (!started.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Benchmark invalid: the waiting trigger did not start in 5 minutes");
            }
            startupMs = (System.nanoTime() - t0) / 1_000_000;
        }
        return new Result(built, startupMs, firstPage(config));
    }

    /** Appends {@code entries} lines in the ledger's own format, buffered (the runner forces each one). */
    private long build(Path ledgerDir) throws IOException {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(LedgerReader.file(ledgerDir)),
                1 << 20)) {
            for (long run = 0; n < entries; run++) {
                String runId = "noop-20260101T000000-bench-" + run;
                String id = "history-" + run;
                at = at.plusMillis(50);
                out.write(LedgerLines.encode(new LedgerEntry(at, LedgerEvent.STARTED, "noop", runId, List.of(id), 1,
                        "runner-bench000", List.of("airflow:bench/run/task"), Map.of("sleep_ms", "0"), null, null,
                        null, null)));
                n++;
                if (n < entries) {
                    out.write(LedgerLines.encode(new LedgerEntry(at.plusMillis(20), LedgerEvent.SUCCEEDED, "noop",
                            runId, List.of(id), 1, "runner-bench000", null, null, 20L, new JobMetrics("noop", at,
                                    20, 1, 1000, 1000, Map.of("duplicates", 3L, "quarantined.bad_city", 2L), null,
                                    null), null, null)));
                    n++;
                }
                if (n < entries && run % 10 == 0) {
                    out.write(LedgerLines.encode(new LedgerEntry(at.plusMillis(30), LedgerEvent.DUPLICATE, "noop",
                            null, List.of(id), null, "runner-bench000", null, Map.of(), null, null, null, runId)));
                    n++;
                }
            }
        }
        return n;
    }

    private static double firstPage(RunnerConfig config) throws IOException, InterruptedException {
        RunnerHealth health = new RunnerHealth(true, true, true, Instant.now(), true, true, "bench", 0, 0);
        StatusServer server = StatusServer.start("127.0.0.1", 0, () -> health, new RunnerMetrics(),
                LedgerReader.file(config.ledger()), null);
        try {
            HttpClient http = HttpClient.newHttpClient();
            // the HTTP client's and server's own first-use cost is not the ledger's: one /health first
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/runs?limit=50")).build();
            double first = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(page, HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() != 200 || !r.body().contains("\"entries\"")) {
                    throw new IllegalStateException("Benchmark invalid: /runs answered " + r.statusCode());
                }
                LOG.info("Ledger benchmark: /runs?limit=50 request {} took {} ms", i + 1, String.format(Locale.ROOT,
                        "%.1f", ms));
                first = i == 0 ? ms : first;
            }
            return first;
        } finally {
            server.close();
        }
    }
}
