package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.root.RootException;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.RunResult;

/** Triggers and trigger roots written to do harm: refused with a clear message, and the daemon stays up. */
class HostileInputTest extends RunnerTestBase {
    private TestRoot start() throws Exception {
        TestRoot root = new TestRoot(temp, Map.of("data-dir", "lake"));
        Files.createDirectories(root.config.dataDir());
        startRunner(root, true);
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "parent traversal     | {\"rules\": \"../../etc/passwd\"}           | resolves outside the data root",
        "absolute elsewhere   | {\"rules\": \"/etc/passwd\"}                | resolves outside the data root",
        "encoded traversal    | {\"rules\": \"..%2f..%2fetc%2fpasswd\"}     | encoded paths are refused",
        "the data root        | {\"rules\": \".\"}                        | names no file",
        "a foreign broker     | {\"bootstrap\": \"evil.example:9092\"}    | trigger-brokers",
        "NUL byte             | {\"rules\": \"rules.yaml\\u0000.txt\"}      | control characters",
        "newline in a value   | {\"sleep_ms\": \"1\\n2\"}                   | control characters",
        "secret-like name     | {\"password\": \"hunter2\"}                 | looks like a secret",
        "sasl config          | {\"sasl_jaas_config\": \"x required;\"}      | looks like a secret",
        "spark setting        | {\"spark.executor.memory\": \"64g\"}        | Spark settings, JVM options and classes",
        "jvm option           | {\"-Xmx\": \"1g\"}                           | Spark settings, JVM options and classes",
    })
    void harmfulParamsAreRefused(String kind, String params, String expected) throws Exception {
        TestRoot root = start();
        root.drop("noop.trigger", "{\"id\": \"hostile\", \"params\": " + params + "}");
        RunResult r = root.awaitResult("hostile");
        assertThat(r.status()).as(kind).isEqualTo(ResultStatus.FAILED);
        assertThat(r.error()).as(kind).contains(expected).doesNotContain("hunter2");
        assertThat(launcher.launches).as("nothing ran").isEmpty();
        assertAlive(root);
    }

    @Test
    void overlongPathNamesAreRefused() throws Exception {
        TestRoot root = start();
        root.drop("noop.trigger", "{\"id\": \"long\", \"params\": {\"rules\": \"" + "a".repeat(300) + "\"}}");
        assertThat(root.awaitResult("long").error()).contains("over 255 characters");
    }

    @Test
    void aLinkInsideTheDataRootPointingOutIsRefused() throws Exception {
        TestRoot root = start();
        Files.createSymbolicLink(root.config.dataDir().resolve("escape"), Path.of("/etc"));
        root.drop("noop.trigger", "{\"id\": \"link\", \"params\": {\"rules\": \"escape/passwd\"}}");
        assertThat(root.awaitResult("link").error()).contains("resolves outside the data root");
    }

    @Test
    void aPathInsideTheDataRootIsPassedCanonical() throws Exception {
        TestRoot root = start();
        Path rules = Files.writeString(root.config.dataDir().resolve("rules.yaml"), "rules: []\n");
        root.drop("noop.trigger", "{\"id\": \"inside\", \"params\": {\"rules\": \"conf/../rules.yaml\"}}");
        assertThat(root.awaitResult("inside").status()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(launcher.launches.get(0).params()).containsEntry("rules", rules.toRealPath().toString());
    }

    @Test
    void aClaimedFolderReplacedByALinkStopsClaimsUntilRestored() throws Exception {
        TestRoot root = start();
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path claimed = root.config.claimed();
        Path aside = temp.resolve("claimed-aside");
        Files.move(claimed, aside);
        Files.createSymbolicLink(claimed, elsewhere);
        root.drop("noop.trigger", "{\"id\": \"through-link\"}");
        afterRescans(2);
        assertThat(root.files(root.config.incoming())).as("left where it is").containsExactly("noop.trigger");
        assertThat(root.files(elsewhere)).as("nothing moved through the link").isEmpty();
        Files.delete(claimed);
        Files.move(aside, claimed);
        assertThat(root.awaitResult("through-link").status()).as("after the folder is restored")
                .isEqualTo(ResultStatus.SUCCEEDED);
    }

    @Test
    void aWorldWritableOrLinkedRootIsRefusedAtStart() throws Exception {
        Path open = Files.createDirectories(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> RunnerConfig.from(temp, Map.of("trigger-root", open.toString())).root().prepare())
                .isInstanceOf(RootException.class).hasMessageContaining("writable by every user")
                .hasMessageContaining("chmod");
        Path link = temp.resolve("link");
        Files.createSymbolicLink(link, Files.createDirectories(temp.resolve("real")));
        assertThatThrownBy(() -> RunnerConfig.from(temp, Map.of("trigger-root", link.toString())).root().prepare())
                .isInstanceOf(RootException.class).hasMessageContaining("symbolic link");
    }

    private void assertAlive(TestRoot root) throws Exception {
        root.drop("noop.alive.trigger", "{\"id\": \"alive\"}");
        assertThat(root.awaitResult("alive").status()).isEqualTo(ResultStatus.SUCCEEDED);
    }
}
