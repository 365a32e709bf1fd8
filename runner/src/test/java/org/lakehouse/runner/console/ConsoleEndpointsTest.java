package org.lakehouse.runner.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/**
 * Every JSON endpoint of the console over real HTTP, on a real runner whose jobs are {@code noop} under the lake's
 * names (no Spark): shapes on an empty lake, after runs (succeeded, failed, rejected, duplicate, running), the
 * static pages and their headers, and the trigger form, off by default and refusing what it must when on.
 */
class ConsoleEndpointsTest {
    private static RunnerApp start(Path dir, Map<String, String> settings) throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("http-port", "0", "warm-up", "false", "rescan-interval-ms",
                "300", "settle-ms", "200", "max-attempts", "1"));
        s.putAll(settings);
        RunnerConfig config = RunnerConfig.from(dir.toRealPath(), s);
        return RunnerApp.start(config, new LakeNamedLauncher(), Clock.systemUTC(), RunListener.NONE, true);
    }

    private static JsonNode awaitJson(ConsoleHttp http, String path, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> http.json(path), ready);
    }

    @Test
    void anEmptyLakeGivesEmptyShapesNotErrors(@TempDir Path dir) throws Exception {
        try (RunnerApp runner = start(dir, Map.of())) {
            ConsoleHttp http = new ConsoleHttp(runner.httpPort());
            JsonNode about = http.json("/api/console");
            assertThat(about.get("triggers_enabled").asBoolean()).as("read-only by default").isFalse();
            assertThat(about.get("jobs")).extracting(JsonNode::asText)
                    .containsExactly("bronze", "gold", "noop", "silver");

            JsonNode o = http.json("/api/overview");
            assertThat(o.get("pipeline")).extracting(j -> j.get("layer").asText())
                    .containsExactly("Bronze", "Silver", "Gold");
            assertThat(o.get("pipeline")).allSatisfy(j -> assertThat(j.get("last_run").isNull()).isTrue());
            assertThat(o.get("other_jobs")).extracting(j -> j.get("job").asText()).containsExactly("noop");
            assertThat(o.get("queue").get("incoming").size()).isZero();
            assertThat(o.get("queue").get("running").size()).isZero();
            assertThat(o.get("failed")).isEmpty();

            JsonNode runs = http.json("/api/runs");
            assertThat(runs.get("total").asInt()).isZero();
            assertThat(runs.get("runs")).isEmpty();

            JsonNode city = http.json("/api/gold/revenue-by-city-hour");
            assertThat(city.get("table").asText()).isEqualTo("gold.revenue_by_city_hour");
            assertThat(city.get("version").isNull()).as("no table, no version").isTrue();
            assertThat(city.get("series")).isEmpty();
            assertThat(city.get("hours")).isEmpty();
            JsonNode product = http.json("/api/gold/revenue-by-product-day");
            assertThat(product.get("version").isNull()).isTrue();
            assertThat(product.get("products")).isEmpty();
            assertThat(product.get("days")).isEmpty();
            JsonNode quality = http.json("/api/gold/quality-by-hour");
            assertThat(quality.get("version").isNull()).isTrue();
            assertThat(quality.get("hours")).isEmpty();
            assertThat(quality.get("rules")).isEmpty();

            assertThat(http.json("/api/trigger?id=nothing-here").get("state").asText()).isEqualTo("unknown");
        }
    }

    @Test
    void afterRunsShowsLastRunsTheQueueFailedTriggersAndEachRun(@TempDir Path dir) throws Exception {
        try (RunnerApp runner = start(dir, Map.of())) {
            RunnerConfig config = runner.runner().config();
            ConsoleHttp http = new ConsoleHttp(runner.httpPort());
            TriggerWriter.write(config.incoming(), TriggerRequest.of("bronze", "b-1", Map.of()));
            TriggerWriter.write(config.incoming(), TriggerRequest.of("silver", "s-1", Map.of("fail", "fatal")));
            Path tmp = config.incoming().resolve(".hostile.tmp");
            Files.writeString(tmp, "");
            Files.move(tmp, config.incoming().resolve("x<img src=x onerror=alert(1)>.trigger"),
                    StandardCopyOption.ATOMIC_MOVE);

            JsonNode o = awaitJson(http, "/api/overview", n -> n.get("failed").size() == 2
                    && !n.get("pipeline").get(0).get("last_run").isNull());
            JsonNode bronze = o.get("pipeline").get(0).get("last_run");
            assertThat(bronze.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(bronze.get("rows_in").asLong()).isEqualTo(100);
            assertThat(bronze.get("rows_out").asLong()).isEqualTo(90);
            assertThat(bronze.get("quarantined").asLong()).isEqualTo(7);
            assertThat(bronze.get("duplicates").asLong()).isEqualTo(3);
            assertThat(bronze.get("duration_ms").asLong()).isNotNegative();
            assertThat(bronze.get("finished_at").asText()).isNotBlank();
            JsonNode silver = o.get("pipeline").get(1).get("last_run");
            assertThat(silver.get("status").asText()).isEqualTo("FAILED");
            assertThat(silver.get("error").asText()).contains("failed on purpose");
            assertThat(o.get("failed")).extracting(f -> f.get("kind").asText())
                    .containsExactlyInAnyOrder("failed", "rejected");
            assertThat(o.get("failed")).anySatisfy(f -> assertThat(f.get("error").asText())
                    .as("the error text, raw in JSON: the page escapes it").contains("x<img src=x onerror=alert(1)>"));

            TriggerWriter.write(config.incoming(), TriggerRequest.of("bronze", "b-1", Map.of()));
            JsonNode bronzeRuns = awaitJson(http, "/api/runs?job=bronze", n -> n.get("total").asInt() == 2);
            assertThat(bronzeRuns.get("runs")).extracting(r -> r.get("status").asText())
                    .containsExactly("DUPLICATE", "SUCCEEDED");
            assertThat(bronzeRuns.get("jobs")).extracting(JsonNode::asText).contains("bronze", "silver");
            assertThat(http.json("/api/runs?status=failed").get("runs")).extracting(r -> r.get("job").asText())
                    .containsExactly("silver");
            assertThat(http.json("/api/runs?trigger=s-&limit=1").get("total").asInt()).isEqualTo(1);
            assertThat(http.json("/api/runs?requested_by=nobody").get("total").asInt()).isZero();
            assertThat(http.get("/api/runs?limit=0").statusCode()).as("bad paging").isEqualTo(400);

            String runId = bronzeRuns.get("runs").get(1).get("run_id").asText();
            JsonNode d = http.json("/api/run?run_id=" + runId);
            assertThat(d.get("run").get("metrics").get("rows_in").asLong()).isEqualTo(100);
            assertThat(d.get("ledger")).extracting(l -> l.get("event").asText()).containsExactly("STARTED",
                    "SUCCEEDED");
            JsonNode t = d.get("triggers").get(0);
            assertThat(t.get("trigger_id").asText()).isEqualTo("b-1");
            assertThat(t.get("result_file").get("protocol_version").asInt()).isEqualTo(1);
            assertThat(t.get("error_file").isNull()).isTrue();
            String silverRun = http.json("/api/runs?job=silver").get("runs").get(0).get("run_id").asText();
            JsonNode failed = http.json("/api/run?run_id=" + silverRun).get("triggers").get(0);
            assertThat(failed.get("error_file").get("kind").asText()).isEqualTo("failed");
            assertThat(failed.get("result_file").get("status").asText()).isEqualTo("FAILED");
            JsonNode rejected = http.json("/api/runs?status=REJECTED").get("runs").get(0);
            JsonNode rd = http.json("/api/run?trigger_id=" + rejected.get("trigger_ids").get(0).asText());
            assertThat(rd.get("triggers").get(0).get("error_file").get("kind").asText()).isEqualTo("rejected");
            assertThat(http.get("/api/run?run_id=nope").statusCode()).isEqualTo(404);
            assertThat(http.get("/api/run?trigger_id=../../etc/passwd").statusCode()).as("not an id").isEqualTo(400);
            assertThat(http.get("/api/run").statusCode()).isEqualTo(400);

            TriggerWriter.write(config.incoming(), TriggerRequest.of("noop", "slow-1", Map.of("sleep_ms", "4000")));
            JsonNode busy = awaitJson(http, "/api/overview", n -> n.get("queue").get("running").has("noop"));
            assertThat(busy.get("other_jobs").get(0).get("last_run").get("status").asText()).isEqualTo("RUNNING");
            assertThat(http.json("/api/trigger?id=slow-1").get("state").asText()).isEqualTo("running");
        }
    }

    @Test
    void servesItsPagesWithAStrictPolicyAndNothingElse(@TempDir Path dir) throws Exception {
        try (RunnerApp runner = start(dir, Map.of())) {
            ConsoleHttp http = new ConsoleHttp(runner.httpPort());
            HttpResponse<String> root = http.get("/");
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).hasValue("/console/");
            HttpResponse<String> page = http.get("/console/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe");
            assertThat(page.body()).contains("<script src=\"/console/console.js\"")
                    .contains("/console/vendor/chart.umd.min.js").doesNotContain("http://").doesNotContain("https://");
            assertThat(page.body()).as("no inline script").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
            assertThat(page.body()).as("no inline style").doesNotContain("style=").doesNotContain("<style");
            HttpResponse<String> chart = http.get("/console/vendor/chart.umd.min.js");
            assertThat(chart.statusCode()).isEqualTo(200);
            assertThat(chart.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
            assertThat(chart.body()).as("Chart.js from its WebJar").contains("Chart");
            String js = http.get("/console/console.js").body();
            assertThat(js).as("data goes in as text").doesNotContain("innerHTML").doesNotContain("eval(");
            assertThat(http.get("/console/console.css").statusCode()).isEqualTo(200);
            assertThat(http.get("/console/%2e%2e/pom.xml").statusCode()).isEqualTo(404);
            assertThat(http.get("/console/index.html/../../pom.xml").statusCode()).isEqualTo(404);
            assertThat(http.get("/api/nothing").statusCode()).isEqualTo(404);
            assertThat(http.get("/health").statusCode()).as("the status endpoints stay").isEqualTo(200);
            assertThat(rawStatus(runner.httpPort(), "GET /api/overview HTTP/1.1\r\nHost: evil.example:"
                    + runner.httpPort() + "\r\nConnection: close\r\n\r\n")).as("DNS rebinding").contains(" 421 ");
        }
    }

    private static String rawStatus(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void isReadOnlyUnlessTheSwitchIsOn(@TempDir Path dir) throws Exception {
        try (RunnerApp runner = start(dir, Map.of())) {
            ConsoleHttp http = new ConsoleHttp(runner.httpPort());
            HttpResponse<String> r = http.post("/api/triggers", "{\"job\": \"noop\"}");
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.body()).contains("console-triggers");
            assertThat(triggerFiles(runner.runner().config().incoming())).isEmpty();
        }
    }

    @Test
    void theTriggerFormWritesATriggerAndFollowsItsResult(@TempDir Path dir) throws Exception {
        try (RunnerApp runner = start(dir, Map.of("console-triggers", "true"))) {
            ConsoleHttp http = new ConsoleHttp(runner.httpPort());
            assertThat(http.json("/api/console").get("triggers_enabled").asBoolean()).isTrue();
            Map<String, String> refused = Map.of(
                    "{\"job\": \"spark\"}", "no job named 'spark'",
                    "{\"job\": \"silver\", \"params\": {\"rules\": \"/etc/passwd\"}}", "never sends paths",
                    "{\"job\": \"bronze\", \"params\": {\"bootstrap\": \"evil.example:9092\"}}", "trigger-brokers",
                    "{\"job\": \"noop\", \"params\": {\"api_key\": \"x\"}}", "looks like a secret",
                    "{\"job\": \"noop\", \"params\": {\"spark.executor.memory\": \"9g\"}}", "not allowed",
                    "{\"job\": \"noop\", \"params\": {\"x\": \"1\"}}", "has no parameter 'x'",
                    "{\"job\": \"noop\", \"path\": \"/tmp\"}", "Unknown field",
                    "{\"job\": \"noop\", \"params\": {\"sleep_ms\": [1]}}", "string, number or boolean",
                    "not json", "not valid JSON");
            for (Map.Entry<String, String> e : refused.entrySet()) {
                HttpResponse<String> r = http.post("/api/triggers", e.getKey());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
                assertThat(r.body()).as(e.getKey()).contains(e.getValue());
            }
            String ok = "{\"job\": \"noop\", \"params\": {\"sleep_ms\": 100}}";
            assertThat(http.post("/api/triggers", ok, null, "application/json").statusCode()).as("no Origin")
                    .isEqualTo(403);
            assertThat(http.post("/api/triggers", ok, "http://evil.example", "application/json").statusCode())
                    .as("another origin").isEqualTo(403);
            assertThat(http.post("/api/triggers", ok, http.base, "text/plain").statusCode()).as("a plain form")
                    .isEqualTo(403);
            assertThat(triggerFiles(runner.runner().config().incoming())).as("nothing refused was written").isEmpty();

            HttpResponse<String> accepted = http.post("/api/triggers", ok);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode a = ConsoleHttp.JSON.readTree(accepted.body());
            String id = a.get("trigger_id").asText();
            assertThat(id).startsWith("console-");
            assertThat(a.get("trigger_file").asText()).isEqualTo("noop." + id + ".trigger");
            JsonNode done = awaitJson(http, "/api/trigger?id=" + id + "&job=noop",
                    n -> n.get("state").asText().equals("finished"));
            assertThat(done.get("result").get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(done.get("result").get("requested_by").asText()).isEqualTo("console");
            assertThat(done.get("result").get("params").get("sleep_ms").asText()).isEqualTo("100");
            JsonNode runs = http.json("/api/runs?requested_by=console");
            assertThat(runs.get("total").asInt()).as("exactly the accepted trigger ran").isEqualTo(1);
            assertThat(runs.get("runs").get(0).get("trigger_ids").get(0).asText()).isEqualTo(id);
        }
    }

    private static List<String> triggerFiles(Path incoming) throws Exception {
        try (Stream<Path> s = Files.list(incoming)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
