package org.lakehouse.runner.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerReader;

/**
 * The newest {@value #WINDOW} ledger lines as the pages poll them: re-read only when the file's size or modification time changed, so a page
 * refreshing every two seconds costs a {@code stat}, not a parse. Thread-safe.
 */
final class LedgerRows {
    private record Snapshot(long size, long modified, List<LedgerEntry> entries, List<RunRow> rows) {
    }

    /** The newest ledger lines the pages fold (the whole history stays in the ledger and on /runs). */
    static final int WINDOW = 20_000;

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(-1, -1, List.of(), List.of());

    LedgerRows(Path file) {
        this.file = file;
    }

    /** Every run row, newest first. */
    List<RunRow> rows() throws IOException {
        return current().rows();
    }

    /** Every ledger line, oldest first. */
    List<LedgerEntry> entries() throws IOException {
        return current().entries();
    }

    private synchronized Snapshot current() throws IOException {
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            return new Snapshot(-1, -1, List.of(), List.of());
        }
        Snapshot s = snapshot;
        if (s.size() != size || s.modified() != modified) {
            List<LedgerEntry> entries = new java.util.ArrayList<>(LedgerReader.newest(file, 0, WINDOW, e -> true,
                    WINDOW));
            java.util.Collections.reverse(entries);
            s = new Snapshot(size, modified, entries, List.copyOf(RunRows.of(entries)));
            snapshot = s;
        }
        return s;
    }
}
