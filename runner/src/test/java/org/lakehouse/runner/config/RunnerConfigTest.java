package org.lakehouse.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigTest {
    @Test
    void defaultsResolveAgainstTheHome(@TempDir Path home) {
        RunnerConfig c = RunnerConfig.defaults(home);
        assertThat(c.triggerRoot()).isEqualTo(home.resolve("data/triggers"));
        assertThat(c.incoming()).isEqualTo(home.resolve("data/triggers/incoming"));
        assertThat(c.maxTriggerBytes()).isEqualTo(64 * 1024);
        assertThat(c.chain()).isEmpty();
    }

    @Test
    void precedenceIsCommandLineThenEnvironmentThenFile(@TempDir Path home) throws Exception {
        Path file = home.resolve("runner.properties");
        Files.writeString(file, "max-attempts=4\nsettle-ms=100\nrescan-interval-ms=900\n");
        RunnerConfig c = RunnerConfigSource.load(home, file,
                Map.of("LAKEHOUSE_RUNNER_SETTLE_MS", "200", "LAKEHOUSE_RUNNER_RESCAN_INTERVAL_MS", "800"),
                Map.of("rescan-interval-ms", "700"));
        assertThat(c.maxAttempts()).as("from the file").isEqualTo(4);
        assertThat(c.settle()).as("environment over file").isEqualTo(Duration.ofMillis(200));
        assertThat(c.rescanInterval()).as("command line over all").isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void badValuesNameTheSettingAndTheFix(@TempDir Path home) {
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("max-attempts", "0")))
                .hasMessageContaining("max-attempts=0").hasMessageContaining("at least 1")
                .hasMessageContaining("LAKEHOUSE_RUNNER_MAX_ATTEMPTS");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("settle-ms", "soon")))
                .hasMessageContaining("a whole number");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("chain", "bronze-silver")))
                .hasMessageContaining("FROM>TO");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("retries", "3")))
                .hasMessageContaining("Unknown runner setting 'retries'");
        assertThat(RunnerConfig.from(home, Map.of("chain", "bronze>silver, silver>gold")).chain())
                .containsEntry("bronze", "silver").containsEntry("silver", "gold");
    }

    @Test
    void triggerParamLimitsDefaultAndRefuseBadValues(@TempDir Path home) {
        RunnerConfig.ParamLimits limits = RunnerConfig.defaults(home).paramLimits();
        assertThat(limits.maxFileBytes()).as("max-param-file-bytes default").isEqualTo(1024 * 1024);
        assertThat(limits.brokers()).as("trigger-brokers default").hasToString("127.0.0.1:*,localhost:*");
        assertThat(RunnerConfig.from(home, Map.of("trigger-brokers", " kafka:9092 , *:19092 ")).paramLimits()
                .brokers()).as("patterns, spaces around them dropped").hasToString("kafka:9092,*:19092");
        assertThat(RunnerConfig.from(home, Map.of("trigger-brokers", "")).paramLimits().brokers().isEmpty())
                .as("empty allows none").isTrue();
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("max-param-file-bytes", "0")))
                .hasMessageContaining("max-param-file-bytes=0").hasMessageContaining("at least 1")
                .hasMessageContaining("LAKEHOUSE_RUNNER_MAX_PARAM_FILE_BYTES");
        for (String bad : new String[] {"kafka", "kafka:*9", "ka*:9092", "PLAINTEXT://kafka:9092", "kafka:9092,",
                "kafka:0"}) {
            assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("trigger-brokers", bad))).as(bad)
                    .isInstanceOf(RunnerConfigException.class).hasMessageContaining("trigger-brokers=" + bad)
                    .hasMessageContaining("host:port patterns").hasMessageContaining("LAKEHOUSE_RUNNER_TRIGGER_BROKERS");
        }
    }

    @Test
    void continuousModeIsOffByDefaultAndTakesOnlyJobsThatCanTellWhetherInputIsNew(@TempDir Path home) {
        RunnerConfig.Continuous off = RunnerConfig.defaults(home).continuous();
        assertThat(off.jobs()).as("off by default").isEmpty();
        assertThat(off.poll()).isEqualTo(Duration.ofSeconds(1));
        RunnerConfig.Continuous on = RunnerConfig.from(home, Map.of("continuous", " bronze ", "continuous-poll-ms",
                "200", "continuous.bronze.bootstrap", "127.0.0.1:39092", "continuous.bronze.topics", "bench"))
                .continuous();
        assertThat(on.jobs()).containsExactly("bronze");
        assertThat(on.on("bronze")).isTrue();
        assertThat(on.poll()).isEqualTo(Duration.ofMillis(200));
        assertThat(on.params("bronze")).containsEntry("bootstrap", "127.0.0.1:39092").containsEntry("topics",
                "bench");
        assertThat(RunnerConfigSource.load(home, null, Map.of("LAKEHOUSE_RUNNER_CONTINUOUS", "bronze",
                "LAKEHOUSE_RUNNER_CONTINUOUS_POLL_MS", "300"), Map.of()).continuous())
                .as("from the environment").satisfies(c -> {
                    assertThat(c.jobs()).containsExactly("bronze");
                    assertThat(c.poll()).isEqualTo(Duration.ofMillis(300));
                });

        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("continuous", "bronze,silver")))
                .isInstanceOf(RunnerConfigException.class).hasMessageContaining("'silver'")
                .hasMessageContaining("cannot run continuously").hasMessageContaining("Allowed: bronze");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("continuous", "bronze,bronze")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("continuous", "bronze", "continuous-poll-ms", "0")))
                .hasMessageContaining("continuous-poll-ms=0").hasMessageContaining("at least 10")
                .hasMessageContaining("LAKEHOUSE_RUNNER_CONTINUOUS_POLL_MS");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("continuous-poll-ms", "often")))
                .hasMessageContaining("a whole number");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("continuous.bronze.topics", "t")))
                .as("params of a job that is not continuous").hasMessageContaining("not continuous");
        assertThatThrownBy(() -> RunnerConfig.from(home, Map.of("continuous", "bronze", "continuous.bronze", "x")))
                .hasMessageContaining("continuous.<job>.<param>");
    }

    /** The README's settings table lists every setting with its default, as the code declares them. */
    @Test
    void readmeTableMatchesTheCode() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("lakehouse.root"), "runner", "README.md"));
        Matcher m = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (?:`([^`]*)`|\\(none\\)) \\|").matcher(readme);
        Map<String, String> documented = new java.util.TreeMap<>();
        while (m.find()) {
            documented.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        assertThat(documented).as("runner/README.md settings table").isEqualTo(
                new java.util.TreeMap<>(RunnerSetting.defaults()));
    }
}
