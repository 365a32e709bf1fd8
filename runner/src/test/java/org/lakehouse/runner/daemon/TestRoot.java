package org.lakehouse.runner.daemon;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.result.ResultStore;
import org.lakehouse.runner.result.RunResult;

/** A trigger root in a test's temporary folder, with quick timings, and ways to look at what the runner did. */
final class TestRoot {
    final Path dir;
    final RunnerConfig config;

    TestRoot(Path tempDir, Map<String, String> settings) throws IOException {
        this.dir = tempDir.toRealPath();
        Map<String, String> s = new HashMap<>(Map.of("rescan-interval-ms", "500", "settle-ms", "300",
                "backoff-initial-ms", "20", "backoff-max-ms", "100", "warm-up", "false", "http-port", "-1"));
        s.putAll(settings);
        this.config = RunnerConfig.from(dir, s);
        config.root().prepare();
    }

    Path incoming(String name) {
        return config.incoming().resolve(name);
    }

    /** Writes a trigger the right way: a temporary name, then a rename. */
    Path drop(String name, String content) throws IOException {
        Path tmp = config.incoming().resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        return Files.move(tmp, incoming(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<RunResult> result(String id) {
        try {
            return new ResultStore(config.results()).read(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunResult awaitResult(String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> result(id), Optional::isPresent).get();
    }

    List<LedgerEntry> ledger() {
        try {
            return RunLedger.read(config.ledger().resolve(RunLedger.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(LedgerEvent event) {
        return ledger().stream().filter(e -> e.event() == event).count();
    }

    List<String> files(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
