package org.lakehouse.runner.result;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits for {@code results/<id>.json}: a watch on {@code results/} wakes it as soon as the file is renamed into
 * place, and it also looks every {@code poll} in case an event is missed.
 */
public final class ResultWaiter {
    private final ResultStore store;
    private final Path dir;
    private final Clock clock;
    private final Duration poll;

    public ResultWaiter(Path dir, Clock clock, Duration poll) {
        this.store = new ResultStore(dir);
        this.dir = dir;
        this.clock = clock;
        this.poll = poll;
    }

    /**
     * The result, or empty when {@code timeout} passed first. A result that finished before {@code writtenAt} is
     * an older request's under the same id (say a FAILED one being retried) and is not taken for this one's.
     */
    public Optional<RunResult> await(String triggerId, Instant writtenAt, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                Optional<RunResult> result = store.read(triggerId)
                        .filter(r -> r.finishedAt() == null || !r.finishedAt().isBefore(writtenAt));
                if (result.isPresent()) {
                    return result;
                }
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                var key = watch.poll(Math.min(left, poll.toMillis()), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
