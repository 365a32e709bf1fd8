package org.lakehouse.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner stopping while a cluster application runs: the launcher kills it and the launch fails as cut short.
 * The "cluster" is a {@code spark-submit} that never finishes (a real child process, no Spark), so the test does
 * not depend on how fast a real job would end.
 */
class ClusterLauncherCancelTest {
    @Test
    void cancelAllKillsARunningApplication(@TempDir Path dir) throws Exception {
        Path home = dir.toRealPath().resolve("spark-home");
        Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
        Path pidFile = dir.resolve("submit.pid");
        Files.writeString(submit, "#!/bin/sh\necho $$ > " + pidFile + "\nexec sleep 600\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(dir.resolve("jobs.jar"), "not used");
        ClusterLauncher launcher = new ClusterLauncher(new ClusterSettings("spark://127.0.0.1:1", home, jar, "client",
                dir.resolve("lake").toString(), dir.resolve("runs"), null, Map.of()));
        List<String> states = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                launcher.launch(new LaunchRequest("silver-1", "silver", Map.of(), 1, (id, s) -> states.add(s)));
                return null;
            } catch (LaunchFailure f) {
                return f;
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid)).as("spark-submit runs").isPresent();

        launcher.cancelAll();

        Throwable failure = outcome.get();
        assertThat(failure).as("the cut-short launch fails").isInstanceOf(LaunchFailure.class);
        assertThat(states).as("application states").contains("KILLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
