package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.manifest.ManifestJson;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/**
 * Continuous mode in real runner processes, with a real broker, Spark and Delta, while a producer sends at a steady
 * rate (30 events/s for 80 s): a runner with {@code continuous=bronze} and chaining is killed with -9 during its
 * first continuous bronze run; the next one takes the run over, keeps bronze running on continuous triggers (silver
 * and gold chained) and, on SIGTERM, exits 0 writing no continuous trigger after it; the last one answers a manual
 * silver trigger beside continuous mode, brings Gold up to everything sent (reconcile OK) and shows a lag of 0 and
 * Gold's newest event on the console, {@code /metrics} and {@code /health}. Every continuous run is in the ledger
 * with its id.
 */
class ContinuousProcessTest {
    private static final int EVENTS = 2400;
    private static final int RATE = 30;
    private static final String TOPIC = "steady";
    private static final Pattern ID = Pattern.compile("bronze-cont-[0-9a-f]{16}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    @Test
    void goldKeepsCatchingUpWhileEventsArriveAcrossKillsAndStops(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath();
        Path root = home.resolve("triggers");
        Path lake = home.resolve("lake");
        Path manifest = home.resolve("m.json");
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(home.resolve("kafka")))) {
            String bootstrap = broker.bootstrapServers();
            String[] runner = {"--trigger-root", root.toString(), "--set", "data-dir=" + lake, "--http-port", "0",
                "--set", "rescan-interval-ms=500", "--set", "backoff-initial-ms=200",
                "--set", "continuous=bronze", "--set", "continuous-poll-ms=300",
                "--set", "continuous.bronze.bootstrap=" + bootstrap, "--set", "continuous.bronze.topics=" + TOPIC,
                "--set", "chain=bronze>silver,silver>gold"};
            CompletableFuture<CliRun> producer;

            // 1. kill -9 during the first continuous bronze run
            try (RunnerProcess a = RunnerProcess.start(home.resolve("a.log"), null, runner)) {
                awaitPort(a);
                producer = CompletableFuture.supplyAsync(() -> CliRun.run("produce", "--bootstrap", bootstrap,
                        "--topic", TOPIC, "--count", String.valueOf(EVENTS), "--rate", String.valueOf(RATE),
                        "--manifest", manifest.toString()));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> openBronzeRun(root).isPresent());
                a.kill9();
            }
            assertThat(continuousRuns(root, LedgerEvent.STARTED)).as("the killed run was a continuous one")
                    .hasSize(1);

            // 2. the next runner takes the killed run over and keeps bronze going on continuous triggers (silver and
            // gold chained); SIGTERM while events still arrive
            Instant stop;
            try (RunnerProcess b = RunnerProcess.start(home.resolve("b.log"), null, runner)) {
                awaitPort(b);
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(count(root, "bronze", LedgerEvent.ABANDONED)).as("the killed run closed").isEqualTo(1);
                    assertThat(continuousRuns(root, LedgerEvent.SUCCEEDED)).as("continuous bronze runs; log:\n%s",
                            tail(b)).hasSizeGreaterThanOrEqualTo(2);
                });
                stop = Instant.now();
                b.terminate();
                assertThat(b.waitFor(180)).as("SIGTERM: a clean exit; log:\n%s", tail(b)).isZero();
                String log = b.log();
                int stopped = log.indexOf("Continuous mode for bronze stopped");
                assertThat(stopped).as("continuous mode stopped; log:\n%s", tail(b)).isPositive();
                assertThat(stopped).as("before the daemon").isLessThan(log.indexOf("stopping: no new claims"));
                assertThat(log.indexOf("wrote trigger", stopped)).as("no continuous trigger after the stop").isNegative();
            }
            for (Path t : continuousTriggerFiles(root)) {
                assertThat(Files.getLastModifiedTime(t).toInstant()).as("%s was written before the stop", t)
                        .isBefore(stop);
            }

            // 3. the last runner: a manual silver trigger answered beside continuous mode, Gold up to everything sent,
            // the figures, reconcile OK, a clean stop
            try (RunnerProcess c = RunnerProcess.start(home.resolve("c.log"), null, runner)) {
                int port = awaitPort(c);
                TriggerWriter.write(root.resolve("incoming"), new TriggerRequest("silver", "manual-silver", Map.of(),
                        "cli:test", null));
                ResultStore results = new ResultStore(root.resolve("results"));
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> results.read("manual-silver").isPresent());
                assertThat(results.read("manual-silver").get().status()).as("the manual trigger is answered")
                        .isEqualTo(ResultStatus.SUCCEEDED);

                CliRun produced = producer.get();
                assertThat(produced.exitCode()).as(produced.describe()).isZero();
                SparkSession spark = SparkSessions.getOrCreate("cli-test");
                LakePaths paths = new LakePaths(lake);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                        assertThat(goldBronzeRows(spark, paths)).as("Gold counted every record sent; log:\n%s",
                                tail(c)).isEqualTo(EVENTS));
                assertThat(rows(spark, paths, LakeTable.SILVER_ORDERS) + rows(spark, paths, LakeTable.SILVER_QUARANTINE)
                        + rows(spark, paths, LakeTable.SILVER_DUPLICATES)).as("Silver holds every record once")
                        .isEqualTo(EVENTS);
                ReconcileReport report = new Reconciler(spark, paths).run(Optional.of(bootstrap),
                        Optional.of(ManifestJson.read(manifest)));
                assertThat(report.ok()).as("reconcile:\n%s", report.render()).isTrue();

                Instant newest = Instant.ofEpochMilli(newestInSilver(spark, paths));
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode o = get(port, "/api/overview");
                    assertThat(o.get("kafka_lag").get("total").asLong()).as("%s", o.get("kafka_lag")).isZero();
                    assertThat(o.get("kafka_lag").get("source").asText()).contains(bootstrap, TOPIC);
                    assertThat(o.get("kafka_lag").get("topics").get(TOPIC).asLong()).isZero();
                    assertThat(Instant.parse(o.get("freshness").get("newest_event_at").asText()))
                            .as("the newest event Gold counted: Silver's newest").isEqualTo(newest);
                    assertThat(o.get("freshness").get("run_id").asText()).startsWith("gold-");
                });
                String metrics = text(port, "/metrics");
                assertThat(metric(metrics, "lakehouse_kafka_lag_records")).as(metrics).isZero();
                assertThat(metric(metrics, "lakehouse_gold_freshness_seconds")).as("now minus %s", newest)
                        .isGreaterThan(0);
                JsonNode health = get(port, "/health");
                assertThat(health.get("up").asBoolean()).isTrue();
                JsonNode bronze = health.get("details").get("continuous").get(0);
                assertThat(bronze.get("job").asText()).isEqualTo("bronze");
                assertThat(bronze.get("lag_records").asLong()).isZero();

                c.terminate();
                assertThat(c.waitFor(180)).as("SIGTERM; log:\n%s", tail(c)).isZero();
            }

            List<LedgerEntry> started = continuousRuns(root, LedgerEvent.STARTED);
            assertThat(started).as("continuous runs, each with its id").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(e -> assertThat(e.triggerIds()).allMatch(id -> ID.matcher(id).matches()));
            assertThat(started.stream().flatMap(e -> e.triggerIds().stream()).distinct().count())
                    .as("a new id per position").isGreaterThanOrEqualTo(3);
            assertThat(entries(root).stream().filter(e -> e.event() == LedgerEvent.FAILED).toList())
                    .as("no run failed").isEmpty();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static int awaitPort(RunnerProcess p) {
        Pattern port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/health");
        int[] found = new int[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Matcher m = port.matcher(p.log());
            assertThat(m.find()).as("the runner started; log:\n%s", p.log()).isTrue();
            found[0] = Integer.parseInt(m.group(1));
        });
        return found[0];
    }

    private static String tail(RunnerProcess p) throws IOException {
        String log = p.log();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    private static List<LedgerEntry> entries(Path root) throws IOException {
        return LedgerReader.all(LedgerReader.file(root.resolve("ledger")));
    }

    private static long count(Path root, String job, LedgerEvent event) throws IOException {
        return entries(root).stream().filter(e -> e.event() == event && job.equals(e.job())).count();
    }

    private static long succeededBy(Path root, String job, String runnerId) throws IOException {
        return entries(root).stream().filter(e -> e.event() == LedgerEvent.SUCCEEDED && job.equals(e.job())
                && runnerId.equals(e.runnerId())).count();
    }

    /** Lines of bronze runs served by continuous triggers (their STARTED lines carry requested_by). */
    private static List<LedgerEntry> continuousRuns(Path root, LedgerEvent event) throws IOException {
        List<LedgerEntry> all = entries(root);
        List<String> continuous = all.stream().filter(e -> e.event() == LedgerEvent.STARTED
                && "bronze".equals(e.job()) && e.requestedBy() != null && e.requestedBy().contains("continuous"))
                .map(LedgerEntry::runId).toList();
        return all.stream().filter(e -> e.event() == event && continuous.contains(e.runId())).toList();
    }

    private static Optional<String> openBronzeRun(Path root) throws IOException {
        List<String> open = new ArrayList<>();
        for (LedgerEntry e : entries(root)) {
            if (!"bronze".equals(e.job()) || e.runId() == null) {
                continue;
            }
            if (e.event() == LedgerEvent.STARTED) {
                open.add(e.runId());
            } else if (e.event() == LedgerEvent.SUCCEEDED || e.event() == LedgerEvent.FAILED
                    || e.event() == LedgerEvent.ABANDONED) {
                open.remove(e.runId());
            }
        }
        return open.stream().findFirst();
    }

    private static List<Path> continuousTriggerFiles(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String folder : List.of("incoming", "claimed")) {
            try (Stream<Path> s = Files.list(root.resolve(folder))) {
                s.filter(p -> p.getFileName().toString().contains("bronze-cont-")).forEach(found::add);
            }
        }
        return found;
    }

    private static String text(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode get(int port, String path) throws IOException, InterruptedException {
        return JSON.readTree(text(port, path));
    }

    /** The value of an unlabelled gauge in Prometheus text. */
    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s in /metrics", name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static long goldBronzeRows(SparkSession spark, LakePaths paths) {
        if (!paths.exists(LakeTable.GOLD_QUALITY_BY_HOUR)) {
            return 0;
        }
        Object sum = spark.read().format("delta").load(paths.uri(LakeTable.GOLD_QUALITY_BY_HOUR))
                .agg(org.apache.spark.sql.functions.sum("bronze_rows")).first().get(0);
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    /** The newest {@code kafka_timestamp} among Silver's three tables, epoch millis. */
    private static long newestInSilver(SparkSession spark, LakePaths paths) {
        return Stream.of(LakeTable.SILVER_ORDERS, LakeTable.SILVER_QUARANTINE, LakeTable.SILVER_DUPLICATES)
                .map(t -> spark.read().format("delta").load(paths.uri(t))
                        .agg(org.apache.spark.sql.functions.max("kafka_timestamp")).first())
                .filter(r -> !r.isNullAt(0)).mapToLong(r -> ((java.sql.Timestamp) r.get(0)).getTime()).max()
                .orElseThrow();
    }

    private static long rows(SparkSession spark, LakePaths paths, LakeTable table) {
        return spark.read().format("delta").load(paths.uri(table)).count();
    }
}
