package org.lakehouse.runner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.assembly.RunnerApp;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.Runner;
import org.lakehouse.runner.launch.NoopLauncher;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultWaiter;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/** /health, /metrics and /runs of a real runner, over real HTTP on 127.0.0.1. */
class StatusServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(RunnerApp runner, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static RunResult run(RunnerConfig config, String id) throws Exception {
        Instant written = Instant.now().minusMillis(1);
        TriggerWriter.write(config.incoming(), TriggerRequest.of("noop", id, Map.of()));
        return new ResultWaiter(config.results(), Clock.systemUTC(), Duration.ofMillis(100))
                .await(id, written, Duration.ofSeconds(20)).orElseThrow();
    }

    @Test
    void servesHealthMetricsAndPagedRuns(@TempDir Path dir) throws Exception {
        RunnerConfig config = RunnerConfig.from(dir.toRealPath(), Map.of("http-port", "0", "warm-up", "false"));
        try (RunnerApp runner = RunnerApp.start(config, new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(),
                RunListener.NONE, true)) {
            for (int i = 0; i < 3; i++) {
                assertThat(run(config, "http-" + i).status()).isEqualTo(ResultStatus.SUCCEEDED);
            }
            assertThat(run(config, "http-1").status()).isEqualTo(ResultStatus.DUPLICATE);

            HttpResponse<String> health = get(runner, "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode h = JSON.readTree(health.body());
            assertThat(h.get("up").asBoolean()).isTrue();
            assertThat(h.get("watching").asBoolean()).isTrue();
            assertThat(h.get("ledger_writable").asBoolean()).isTrue();
            assertThat(h.get("last_rescan").asText()).isNotBlank();

            HttpResponse<String> metrics = get(runner, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body()).contains("lakehouse_triggers_total{outcome=\"succeeded\"} 3.0")
                    .contains("lakehouse_triggers_total{outcome=\"duplicate\"} 1.0")
                    .contains("lakehouse_triggers_total{outcome=\"claimed\"} 4.0")
                    .contains("lakehouse_queue_length").contains("lakehouse_trigger_to_start_seconds_bucket")
                    .contains("lakehouse_job_duration_seconds_count{job=\"noop\",status=\"succeeded\"} 3");

            JsonNode page = JSON.readTree(get(runner, "/runs?limit=2&event=SUCCEEDED").body());
            assertThat(page.get("has_more").asBoolean()).as("a third success is on the next page").isTrue();
            assertThat(page.get("entries")).hasSize(2);
            assertThat(page.get("entries").get(0).get("trigger_ids").get(0).asText()).as("newest first")
                    .isEqualTo("http-2");
            JsonNode rest = JSON.readTree(get(runner, "/runs?limit=2&offset=2&event=SUCCEEDED").body());
            assertThat(rest.get("entries")).hasSize(1);
            assertThat(rest.get("has_more").asBoolean()).isFalse();
            assertThat(get(runner, "/runs?limit=0").statusCode()).as("bad paging").isEqualTo(400);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.httpPort()
                    + "/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("read-only").isEqualTo(405);
            assertThat(get(runner, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTakenPortIsAClearError(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RunnerConfig config = RunnerConfig.from(dir.toRealPath(), Map.of("http-port",
                    String.valueOf(taken.getLocalPort()), "warm-up", "false"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunnerApp.start(config,
                    new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(), RunListener.NONE, true))
                    .hasMessageContaining("is taken").hasMessageContaining("--http-port");
        }
    }
}
