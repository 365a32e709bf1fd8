package org.lakehouse.runner.ledger;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's compacted state ({@code ledger/snapshot.tsv}): the {@link LedgerIndex} as it was after the first
 * {@code offset} bytes of {@code runs.jsonl}, so a start-up reads the snapshot and only the log after it. Tab-separated
 * lines (a header, then {@code S id run}, {@code L job instant}, {@code O <open entry as a ledger line>}), written to
 * a temporary file, forced, then renamed over the old one.
 */
final class LedgerSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerSnapshot.class);
    static final String FILE = "snapshot.tsv";
    private static final String MAGIC = "lakehouse-ledger-snapshot";

    private LedgerSnapshot() {
    }

    /** A snapshot as read: the index and the log offset it covers. */
    record Loaded(LedgerIndex index, long offset) {
    }

    static void write(Path dir, LedgerIndex index, long offset) throws IOException {
        Path tmp = dir.resolve("." + FILE + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8),
                    1 << 16);
            w.write(MAGIC + "\t" + LedgerLines.VERSION + "\t" + offset + "\t" + index.entries + "\t"
                    + (index.lastEntry == null ? "-" : index.lastEntry.toString()) + "\n");
            for (Map.Entry<String, String> e : index.succeeded.entrySet()) {
                if (plain(e.getKey()) && plain(e.getValue())) {
                    w.write("S\t" + e.getKey() + "\t" + e.getValue() + "\n");
                }
            }
            for (Map.Entry<String, Instant> e : index.lastSuccess.entrySet()) {
                if (plain(e.getKey())) {
                    w.write("L\t" + e.getKey() + "\t" + e.getValue() + "\n");
                }
            }
            for (LedgerEntry open : index.open.values()) {
                w.write("O\t" + new String(LedgerLines.encode(open), StandardCharsets.UTF_8));
            }
            w.flush();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean plain(String s) {
        return s != null && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }

    /**
     * The snapshot in {@code dir}; empty when there is none or it cannot be used (then the log is replayed). One that
     * is damaged, or is not a regular file (a link is never followed, a FIFO never opened), is ignored with a WARN.
     */
    static Optional<Loaded> read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return ignored(file, "it is " + BoundedFiles.kind(attrs) + ", not a regular file");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return ignored(file, e.toString());
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                return ignored(file, "it is empty");
            }
            String[] head = first.split("\t");
            if (head.length != 5 || !head[0].equals(MAGIC)) {
                return ignored(file, "its first line is not a snapshot header");
            }
            if (Integer.parseInt(head[1]) > LedgerLines.VERSION) {
                return ignored(file, "it was written by a newer runner (version " + LogSafe.text(head[1]) + ")");
            }
            LedgerIndex index = new LedgerIndex();
            long offset = Long.parseLong(head[2]);
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.indexOf('\t');
                if (tab != 1) {
                    return ignored(file, "a line is damaged");
                }
                char kind = line.charAt(0);
                String rest = line.substring(2);
                switch (kind) {
                    case 'S' -> {
                        int t = rest.indexOf('\t');
                        index.succeeded.put(rest.substring(0, t), rest.substring(t + 1));
                    }
                    case 'L' -> {
                        int t = rest.indexOf('\t');
                        index.lastSuccess.put(rest.substring(0, t), Instant.parse(rest.substring(t + 1)));
                    }
                    case 'O' -> {
                        LedgerLines.Decoded d = LedgerLines.decode(rest);
                        if (!d.ok()) {
                            return ignored(file, "an open run's line is damaged");
                        }
                        index.apply(d.entry()); // the count and the newest time come from the header below
                    }
                    default -> {
                        return ignored(file, "a line is of an unknown kind");
                    }
                }
            }
            index.entries = Long.parseLong(head[3]);
            index.lastEntry = head[4].equals("-") ? null : Instant.parse(head[4]);
            return Optional.of(new Loaded(index, offset));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return ignored(file, "it is damaged (" + e + ")"); // not UTF-8, a cut line, a bad number
        }
    }

    /** A snapshot that cannot be used: the whole log is replayed instead (correct, only slower). */
    static Optional<Loaded> ignored(Path file, String why) {
        LOG.warn("Ignoring the ledger snapshot {}: {}; the whole run ledger is read instead", file,
                LogSafe.text(why, 300));
        return Optional.empty();
    }
}
