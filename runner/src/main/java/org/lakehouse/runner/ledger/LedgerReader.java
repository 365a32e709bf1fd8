package org.lakehouse.runner.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one read API of the ledger for everyone who only looks (status, {@code /runs}, the console, tests): every entry
 * ({@link #all}) or the newest ones, read backwards from the end so a page costs the same however long the ledger is
 * ({@link #newest}). Lines that cannot be read are skipped (the daemon WARNs about them once, when it folds them).
 */
public final class LedgerReader {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerReader.class);
    private static final int CHUNK = 1 << 16;

    private LedgerReader() {
    }

    /** The ledger file of a trigger root's ledger folder. */
    public static Path file(Path ledgerDir) {
        return ledgerDir.resolve(RunLedger.FILE);
    }

    /** Every readable entry, oldest first (empty when there is no ledger). */
    public static List<LedgerEntry> all(Path file) throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return entries;
        }
        int start = 0;
        int skipped = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start) {
                    LedgerLines.Decoded d = LedgerLines.decode(bytes, start, i);
                    if (d.ok()) {
                        entries.add(d.entry());
                    } else if (d.skipped() != null) {
                        skipped++;
                    }
                }
                start = i + 1;
            }
        }
        if (skipped > 0) {
            LOG.debug("Skipped {} unreadable line(s) of {}", skipped, file);
        }
        return entries;
    }

    /**
     * The newest entries matching {@code filter}, newest first: {@code limit} of them after skipping {@code skip}.
     * Reads backwards from the end of the file, stopping as soon as the page is full; {@code maxScan} caps the
     * entries looked at, so a filter that matches nothing cannot make one request read the whole history.
     */
    public static List<LedgerEntry> newest(Path file, int skip, int limit, Predicate<LedgerEntry> filter,
            int maxScan) throws IOException {
        Page page = new Page(skip, limit, filter, maxScan);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        try (ch) {
            long pos = ch.size();
            byte[] carry = new byte[0]; // the end of a line whose start is further back
            boolean atEnd = true; // what follows the file's last newline is a line still being written (or torn)
            while (pos > 0 && !page.done()) {
                int n = (int) Math.min(CHUNK, pos);
                byte[] data = new byte[n + carry.length];
                ByteBuffer buf = ByteBuffer.wrap(data, 0, n);
                while (buf.hasRemaining() && ch.read(buf, pos - n + buf.position()) >= 0) {
                    // read the whole chunk
                }
                System.arraycopy(carry, 0, data, n, carry.length);
                pos -= n;
                int lineEnd = data.length;
                for (int i = data.length - 1; i >= 0 && !page.done(); i--) {
                    if (data[i] == '\n') {
                        if (!atEnd) {
                            page.offer(data, i + 1, lineEnd);
                        }
                        atEnd = false;
                        lineEnd = i;
                    }
                }
                carry = java.util.Arrays.copyOf(data, lineEnd);
            }
            if (pos == 0 && !atEnd && !page.done()) {
                page.offer(carry, 0, carry.length);
            }
        }
        return Collections.unmodifiableList(page.entries);
    }

    private static final class Page {
        final List<LedgerEntry> entries = new ArrayList<>();
        final int skip;
        final int limit;
        final Predicate<LedgerEntry> filter;
        final int maxScan;
        int matched;
        int scanned;

        Page(int skip, int limit, Predicate<LedgerEntry> filter, int maxScan) {
            this.skip = skip;
            this.limit = limit;
            this.filter = filter;
            this.maxScan = maxScan;
        }

        boolean done() {
            return entries.size() >= limit || scanned >= maxScan;
        }

        void offer(byte[] bytes, int from, int to) {
            if (to <= from) {
                return;
            }
            scanned++;
            LedgerLines.Decoded d = LedgerLines.decode(bytes, from, to);
            if (d.ok() && filter.test(d.entry()) && matched++ >= skip) {
                entries.add(d.entry());
            }
        }
    }
}
