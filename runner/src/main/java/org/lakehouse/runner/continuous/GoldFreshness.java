package org.lakehouse.runner.continuous;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;

/**
 * Gold's freshness from the run ledger, without Spark: the newest event Gold has counted is the
 * {@code newest_event_ms} of the newest successful gold run that reports one (a run that read nothing new reports
 * none, so the run before it still holds), among the newest {@value #MAX_SCAN} ledger lines. Read backwards from the
 * ledger's end, again only when the file changed. Thread-safe.
 */
public final class GoldFreshness {
    /**
     * How many of the newest ledger lines a lookup reads at most: the console's window. A lookup runs again whenever
     * the ledger grew, so it must stay cheap even when no gold run is found.
     */
    static final int MAX_SCAN = 20_000;

    /**
     * @param event the newest Kafka timestamp among the Silver rows Gold has counted
     * @param runId the gold run that counted it
     * @param finishedAt when that run ended
     */
    public record Newest(Instant event, String runId, Instant finishedAt) {
    }

    private record Cache(long size, long modified, Optional<Newest> newest) {
    }

    private final Path ledgerFile;
    private final String job;
    private Cache cache = new Cache(-1, -1, Optional.empty());

    /** @param job the Gold job's name ({@code gold}) */
    public GoldFreshness(Path ledgerFile, String job) {
        this.ledgerFile = ledgerFile;
        this.job = job;
    }

    public synchronized Optional<Newest> newest() throws IOException {
        long size;
        long modified;
        try {
            size = Files.size(ledgerFile);
            modified = Files.getLastModifiedTime(ledgerFile).toMillis();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (cache.size() != size || cache.modified() != modified) {
            List<LedgerEntry> found = LedgerReader.newest(ledgerFile, 0, 1, e -> e.event() == LedgerEvent.SUCCEEDED
                    && job.equals(e.job()) && e.metrics() != null
                    && e.metrics().counters().containsKey(JobMetrics.NEWEST_EVENT_MS), MAX_SCAN);
            cache = new Cache(size, modified, found.stream().findFirst().map(e -> new Newest(
                    Instant.ofEpochMilli(e.metrics().counter(JobMetrics.NEWEST_EVENT_MS)), e.runId(), e.at())));
        }
        return cache.newest();
    }
}
