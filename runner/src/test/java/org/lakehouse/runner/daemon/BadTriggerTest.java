package org.lakehouse.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.result.ErrorReport;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;

/** Every kind of bad trigger goes to failed/ with an error file naming the problem; the daemon keeps running. */
class BadTriggerTest extends RunnerTestBase {
    private TestRoot root;

    @BeforeEach
    void start() throws Exception {
        root = new TestRoot(temp, Map.of("max-trigger-bytes", "1024", "settle-ms", "200"));
        startRunner(root, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown job        | spark.trigger       | {\"id\": \"b1\"}                          | There is no job named 'spark'",
        "malformed JSON     | noop.trigger        | {\"id\": \"b2\", oops                     | not valid JSON",
        "not an object      | noop.trigger        | [1, 2]                                    | not an object",
        "unknown param      | noop.trigger        | {\"id\": \"b3\", \"params\": {\"x\": \"1\"}} | no parameter 'x'",
        "bad param value    | noop.trigger        | {\"id\": \"b4\", \"params\": {\"sleep_ms\": \"soon\"}} | sleep_ms='soon'",
        "unknown field      | noop.trigger        | {\"id\": \"b5\", \"param\": {}}            | unknown field 'param'",
        "job differs        | noop.trigger        | {\"id\": \"b6\", \"job\": \"gold\"}          | differs from its file name",
        "bad id             | noop.trigger        | {\"id\": \"../../etc/passwd\"}              | is not allowed",
        "bad not_before     | noop.trigger        | {\"id\": \"b7\", \"not_before\": \"tomorrow\"} | not an ISO-8601",
        "wrong version      | noop.trigger        | {\"id\": \"b8\", \"version\": 2}             | protocol version 2",
        "bad name           | Noop!.trigger       | {}                                        | does not follow",
    })
    void isMovedToFailedWithAnErrorFile(String kind, String name, String content, String expected) throws Exception {
        root.drop(name, content);
        String error = awaitOneErrorFile();
        assertThat(error).as("error file of a %s trigger", kind).contains(expected).contains("\"kind\" : \"rejected\"");
        assertThat(launcher.launches).as("nothing ran").isEmpty();
        assertThat(root.count(LedgerEvent.REJECTED)).isEqualTo(1);
        assertStillRunning();
    }

    @Test
    void oversizedTriggerIsRejected() throws Exception {
        root.drop("noop.big.trigger", "{\"id\": \"big\", \"requested_by\": \"" + "x".repeat(2000) + "\"}");
        assertThat(awaitOneErrorFile()).contains("over the limit of 1024 bytes");
        assertStillRunning();
    }

    @Test
    void nonUtf8TriggerIsRejected() throws Exception {
        Path tmp = root.incoming(".latin1.tmp");
        Files.write(tmp, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}'});
        Files.move(tmp, root.incoming("noop.latin1.trigger"));
        assertThat(awaitOneErrorFile()).contains("not valid UTF-8");
        assertStillRunning();
    }

    @Test
    void aRejectedTriggerWithAnIdGetsAFailedResult() throws Exception {
        root.drop("noop.trigger", "{\"id\": \"has-id\", \"params\": {\"nope\": \"1\"}}");
        assertThat(root.awaitResult("has-id").status()).isEqualTo(ResultStatus.FAILED);
        assertThat(root.awaitResult("has-id").error()).contains("no parameter 'nope'");
        assertThat(root.files(root.config.failed())).containsExactly("has-id.error.json", "has-id.trigger");
    }

    @Test
    void aSymlinkTriggerIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path target = temp.resolve("secret.txt");
        Files.writeString(target, "{}");
        Files.createSymbolicLink(root.incoming("noop.link.trigger"), target);
        assertThat(awaitOneErrorFile()).contains("symbolic link");
        assertThat(Files.readString(target)).as("the link's target is untouched").isEqualTo("{}");
        assertThat(launcher.launches).isEmpty();
    }

    @Test
    void filesThatAreNotTriggersAreLeftAlone() throws Exception {
        Files.writeString(root.incoming("README.txt"), "notes");
        assertStillRunning();
        assertThat(root.files(root.config.incoming())).containsExactly("README.txt");
        assertThat(root.files(root.config.failed())).isEmpty();
    }

    private String awaitOneErrorFile() throws Exception {
        Path err = await().atMost(Duration.ofSeconds(10)).until(() -> root.files(root.config.failed()).stream()
                .filter(f -> f.endsWith(".error.json")).findFirst().map(root.config.failed()::resolve),
                Optional::isPresent).get();
        String text = Files.readString(err);
        ErrorReport report = ResultStore.JSON.readValue(text, ErrorReport.class);
        String id = err.getFileName().toString().replace(".error.json", "");
        assertThat(root.files(root.config.failed())).as("the trigger beside its error file").contains(id + ".trigger");
        assertThat(report.triggerFile()).isNotBlank();
        await().untilAsserted(() -> assertThat(root.files(root.config.incoming())).as("incoming").isEmpty());
        return text;
    }

    private void assertStillRunning() throws Exception {
        root.drop("noop.alive.trigger", "{\"id\": \"alive\"}");
        assertThat(root.awaitResult("alive").status()).as("the daemon still runs triggers")
                .isEqualTo(ResultStatus.SUCCEEDED);
    }
}
