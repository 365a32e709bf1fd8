package org.lakehouse.runner.continuous;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerEvent;
import org.lakehouse.runner.ledger.LedgerReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze's Kafka input as its newest run in the ledger named it (its {@code bootstrap} and {@code topics} params,
 * the defaults for those it left out), for the console's lag when continuous mode is off: Airflow or a person picks
 * bronze's params then, and its checkpoint belongs to the topics it last read. Read again only when the ledger
 * changed. Thread-safe.
 */
public final class LastRunTarget implements Supplier<KafkaTarget> {
    private static final Logger LOG = LoggerFactory.getLogger(LastRunTarget.class);

    private record Cache(long size, long modified, KafkaTarget target) {
    }

    private final Path ledgerFile;
    private final String job;
    private final Map<String, String> defaults;
    private Cache cache;

    /** @param defaults the job's {@code bootstrap} and {@code topics} defaults */
    public LastRunTarget(Path ledgerFile, String job, Map<String, String> defaults) {
        this.ledgerFile = ledgerFile;
        this.job = job;
        this.defaults = Map.copyOf(defaults);
        this.cache = new Cache(-1, -1, target(Map.of()));
    }

    @Override
    public synchronized KafkaTarget get() {
        try {
            long size = Files.size(ledgerFile);
            long modified = Files.getLastModifiedTime(ledgerFile).toMillis();
            if (cache.size() != size || cache.modified() != modified) {
                List<LedgerEntry> started = LedgerReader.newest(ledgerFile, 0, 1, e -> e.event() == LedgerEvent.STARTED
                        && job.equals(e.job()), GoldFreshness.MAX_SCAN);
                cache = new Cache(size, modified, target(started.isEmpty() || started.get(0).params() == null
                        ? Map.of() : started.get(0).params()));
            }
        } catch (NoSuchFileException e) {
            return cache.target();
        } catch (IOException e) {
            LOG.debug("Reading the ledger for {}'s last params: {}", job, e.toString());
        }
        return cache.target();
    }

    private KafkaTarget target(Map<String, String> params) {
        return KafkaTarget.of(params.getOrDefault("bootstrap", defaults.get("bootstrap")),
                params.getOrDefault("topics", defaults.get("topics")));
    }
}
