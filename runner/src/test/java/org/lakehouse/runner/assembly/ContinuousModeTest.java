package org.lakehouse.runner.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.continuous.ContinuousPoller;
import org.lakehouse.runner.daemon.RunListener;
import org.lakehouse.runner.daemon.RunnerException;
import org.lakehouse.runner.launch.JobLauncher;
import org.lakehouse.runner.launch.LaunchFailure;
import org.lakehouse.runner.launch.LaunchRequest;
import org.lakehouse.runner.launch.NoopLauncher;
import org.slf4j.LoggerFactory;

/**
 * Continuous mode wired into a real runner (HTTP on 127.0.0.1, a real trigger root; the job is {@code noop} under
 * bronze's name, so neither Spark nor Kafka is needed): an unreachable Kafka is one WARN and a detail of a
 * {@code /health} that stays up, with the lag unknown on the console and {@code /metrics}; start-up refuses what
 * continuous mode cannot run, before touching the root.
 */
class ContinuousModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger logger;

    /** {@code noop} named bronze, taking bronze's {@code bootstrap} (brokers) and {@code topics}. */
    static final class BronzeNamedNoop implements JobLauncher {
        private final NoopLauncher noop = new NoopLauncher(Clock.systemUTC(), Set.of("bronze"));

        @Override
        public Set<String> jobs() {
            return Set.of("bronze");
        }

        @Override
        public Optional<String> checkParams(String job, Map<String, String> params) {
            Map<String, String> rest = new HashMap<>(params);
            rest.remove("bootstrap");
            rest.remove("topics");
            return noop.checkParams(job, rest);
        }

        @Override
        public Set<String> brokerParams(String job) {
            return Set.of("bootstrap");
        }

        @Override
        public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
            return noop.launch(request);
        }

        @Override
        public void cancelAll() {
            noop.cancelAll();
        }

        @Override
        public void close() {
            noop.close();
        }
    }

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger(ContinuousPoller.class);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logged);
    }

    private JsonNode get(RunnerApp app, String path) throws Exception {
        return JSON.readTree(text(app, path));
    }

    private String text(RunnerApp app, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableKafkaIsOneWarnAndAHealthDetailNotDown(@TempDir Path dir) throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        RunnerConfig config = RunnerConfig.from(dir.toRealPath(), Map.of("http-port", "0", "warm-up", "false",
                "continuous", "bronze", "continuous-poll-ms", "50", "continuous.bronze.bootstrap", bootstrap,
                "continuous.bronze.topics", "orders"));
        try (RunnerApp app = RunnerApp.start(config, new BronzeNamedNoop(), Clock.systemUTC(), RunListener.NONE,
                true)) {
            Instant started = Instant.now();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode c = get(app, "/health").get("details").get("continuous").get(0);
                assertThat(c.get("state").asText()).isEqualTo("input-unavailable");
                assertThat(Instant.parse(c.get("last_poll_at").asText())).as("polled for a while")
                        .isAfter(started.plusMillis(500));
            });
            JsonNode health = get(app, "/health");
            assertThat(health.get("up").asBoolean()).as("an unreachable Kafka does not make the runner down: %s",
                    health).isTrue();
            JsonNode detail = health.get("details").get("continuous").get(0);
            assertThat(detail.get("job").asText()).isEqualTo("bronze");
            assertThat(detail.get("input").asText()).isEqualTo("Kafka at " + bootstrap + ", topics orders");
            assertThat(detail.get("input_error").asText()).contains(bootstrap, "Start the broker");
            assertThat(detail.get("consecutive_failures").asInt()).isZero();
            assertThat(logged.list.stream().filter(e -> e.getLevel() == Level.WARN)).as("one WARN for the outage")
                    .hasSize(1).allSatisfy(e -> assertThat(e.getFormattedMessage()).contains(bootstrap,
                            "is unreachable", "continuous.bronze.bootstrap", "every 50 ms"));

            JsonNode lag = get(app, "/api/overview").get("kafka_lag");
            assertThat(lag.get("error").asText()).contains(bootstrap);
            assertThat(lag.get("total").isNull()).isTrue();
            assertThat(text(app, "/metrics")).contains("lakehouse_kafka_lag_records NaN")
                    .contains("lakehouse_gold_freshness_seconds NaN");
            try (var incoming = Files.list(config.incoming())) {
                assertThat(incoming).as("nothing written").isEmpty();
            }
        }
        assertThat(logged.list.stream().map(ILoggingEvent::getFormattedMessage))
                .as("stopped with the runner").anyMatch(m -> m.contains("Continuous mode for bronze stopped"));
    }

    @Test
    void startUpRefusesWhatContinuousModeCannotRunBeforeTouchingTheRoot(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath();
        RunnerConfig noBronze = RunnerConfig.from(home, Map.of("http-port", "-1", "continuous", "bronze"));
        assertThatThrownBy(() -> RunnerApp.start(noBronze, new NoopLauncher(Clock.systemUTC()), Clock.systemUTC(),
                RunListener.NONE, true)).isInstanceOf(RunnerException.class)
                .hasMessageContaining("continuous=bronze names bronze, which this runner does not run")
                .hasMessageContaining("Its jobs: noop");

        RunnerConfig foreignBroker = RunnerConfig.from(home, Map.of("http-port", "-1", "continuous", "bronze",
                "continuous.bronze.bootstrap", "evil.example:9092"));
        assertThatThrownBy(() -> RunnerApp.start(foreignBroker, new BronzeNamedNoop(), Clock.systemUTC(),
                RunListener.NONE, true)).isInstanceOf(RunnerException.class)
                .hasMessageContaining("continuous.bronze.<param>").hasMessageContaining("trigger-brokers");

        RunnerConfig unknownParam = RunnerConfig.from(home, Map.of("http-port", "-1", "continuous", "bronze",
                "continuous.bronze.max_offsets", "5"));
        assertThatThrownBy(() -> RunnerApp.start(unknownParam, new BronzeNamedNoop(), Clock.systemUTC(),
                RunListener.NONE, true)).isInstanceOf(RunnerException.class)
                .hasMessageContaining("continuous.bronze.<param>").hasMessageContaining("max_offsets");

        assertThat(home.resolve("data")).as("nothing was created").doesNotExist();
    }
}
