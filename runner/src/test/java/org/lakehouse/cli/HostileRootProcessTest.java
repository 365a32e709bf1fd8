package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.runner.result.ResultStatus;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;
import org.lakehouse.runner.trigger.TriggerRequest;
import org.lakehouse.runner.trigger.TriggerWriter;

/**
 * Hostile input only a real runner process shows: a process started in the C locale, where the JVM decodes file
 * names as ASCII, meets trigger names of non-ASCII UTF-8 and of bytes that are no UTF-8 at all. Each is taken and
 * answered, none lingers in {@code incoming/}, and the process stays up.
 */
class HostileRootProcessTest {
    private static final Duration RESCAN = Duration.ofMillis(300);

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Optional<RunResult> result(Path root, String id) throws IOException {
        return new ResultStore(root.resolve("results")).read(id);
    }

    @Test
    void aRunnerInTheCLocaleAnswersNonAsciiAndNonUtf8TriggerNames(@TempDir Path dir) throws Exception {
        Path root = dir.toRealPath().resolve("triggers");
        Path incoming = root.resolve("incoming");
        try (RunnerProcess runner = RunnerProcess.startWith(dir.resolve("runner.log"), List.of(),
                Map.of("LC_ALL", "C", "LANG", "C"), "--trigger-root", root.toString(), "--set", "warm-up=false",
                "--http-port", "-1", "--set", "rescan-interval-ms=" + RESCAN.toMillis(), "--set", "settle-ms=100")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runner.log())
                    .as("the runner's log once it is up").contains("watching"));

            // (a) valid UTF-8, not ASCII: written by this JVM, whose file names are UTF-8
            Path tmp = Files.writeString(incoming.resolve(".cafe.tmp"), "{\"id\": \"cafe\"}");
            Files.move(tmp, incoming.resolve("noop.café.trigger"));
            // (b) bytes that are no UTF-8 at all: only a shell can name a file so
            Process sh = new ProcessBuilder("sh", "-c", "cd \"$1\" && printf '{\"id\": \"bytes\"}' > .bytes.tmp "
                    + "&& mv .bytes.tmp \"$(printf 'noop.\\377\\376.trigger')\"", "sh", incoming.toString())
                    .redirectErrorStream(true).start();
            assertThat(sh.waitFor()).as("sh creating a trigger named by invalid UTF-8; it said: %s",
                    new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            await().atMost(RESCAN.multipliedBy(15)).untilAsserted(() -> assertThat(files(incoming))
                    .as("incoming/ a few rescans after both names were dropped").isEmpty());
            for (String id : List.of("cafe", "bytes")) {
                RunResult r = await().atMost(Duration.ofSeconds(10)).until(() -> result(root, id),
                        Optional::isPresent).get();
                assertThat(r.status()).as("answer to trigger %s (%s)", id, r.error())
                        .isIn(ResultStatus.SUCCEEDED, ResultStatus.FAILED);
            }
            assertThat(runner.alive()).as("the runner process after both names").isTrue();

            TriggerWriter.write(incoming, TriggerRequest.of("noop", "alive", Map.of()));
            RunResult alive = await().atMost(Duration.ofSeconds(10)).until(() -> result(root, "alive"),
                    Optional::isPresent).get();
            assertThat(alive.status()).as("a normal trigger after the odd names").isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(runner.log()).as("the runner's log").doesNotContain("Exception").doesNotContain(" ERROR ");
        }
    }
}
