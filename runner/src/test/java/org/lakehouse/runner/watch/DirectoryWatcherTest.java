package org.lakehouse.runner.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch alone: files created and renamed in, the directory replaced under it, and an idempotent close. */
class DirectoryWatcherTest {
    @TempDir
    Path temp;

    @Test
    void passesCreatedAndRenamedFilesAndKnowsWhenItsDirectoryIsGone() throws Exception {
        Path dir = Files.createDirectory(temp.toRealPath().resolve("incoming"));
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger overflows = new AtomicInteger();
        try (DirectoryWatcher w = DirectoryWatcher.start(dir, p -> seen.add(p.getFileName().toString()),
                overflows::incrementAndGet)) {
            Files.writeString(dir.resolve("a.trigger"), "");
            Path tmp = Files.writeString(temp.resolve("b.tmp"), "{}");
            Files.move(tmp, dir.resolve("b.trigger"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(seen).as("events for a created and a renamed-in file").contains("a.trigger",
                            "b.trigger"));
            assertThat(w.alive()).isTrue();
            assertThat(w.current()).as("watching the directory now at its path").isTrue();

            Files.move(dir, temp.resolve("incoming-aside"));
            Files.createDirectory(dir);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(w.current()).as("a new directory at the path is not the one watched").isFalse());
        }
        assertThat(overflows).hasValue(0);
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        Path dir = Files.createDirectory(temp.toRealPath().resolve("incoming"));
        DirectoryWatcher w = DirectoryWatcher.start(dir, p -> { }, () -> { });
        w.close();
        w.close();
        assertThat(w.alive()).isFalse();
    }
}
