package org.lakehouse.runner.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.lakehouse.runner.root.BoundedFiles;
import org.lakehouse.runner.root.NotRegularFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run ledger one trigger root's runners share: {@code ledger/runs.jsonl}, appended by every runner (one
 * {@code write} per line, {@code O_APPEND}, forced to disk before the runner acts on it) and tailed by every runner,
 * so each sees the others' entries. Decisions that must hold across the fleet (is this id done? is it running
 * elsewhere?) are taken in {@link #exclusive}, under an exclusive lock on {@code ledger/.lock} ({@code fcntl}: the
 * kernel drops it when its holder dies), after reading every entry appended so far.
 *
 * <p>Start-up is bounded by the snapshot ({@link LedgerSnapshot}): the state after a prefix of the log, rewritten
 * when the log has grown by a quarter of the snapshot's size (at least {@value #COMPACT_MIN_BYTES} bytes), so a
 * start reads the snapshot and at most that much log. Torn lines (a crash mid-write, even inside a character),
 * lines of a newer version and foreign lines are skipped with one WARN each, never fatal; a writer first ends a
 * torn last line so its own line stays whole. Thread-safe.
 */
public final class RunLedger implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);
    public static final String FILE = "runs.jsonl";
    static final String LOCK = ".lock";
    static final long COMPACT_MIN_BYTES = 8L << 20;
    private static final int READ_CHUNK = 1 << 20;

    private final Path dir;
    private final Path file;
    private final FileChannel channel;
    private final FileChannel reader;
    private final FileChannel lockChannel;
    /** One lock per ledger file in this JVM: two ledgers on one file here must not both ask for its file lock. */
    private static final java.util.concurrent.ConcurrentMap<Path, ReentrantLock> FILE_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock fileLock;
    private final LedgerIndex index;
    /** Bytes of the log folded into {@link #index}; always just after a newline. */
    private long offset;
    private long snapshotOffset;
    private long snapshotBytes;

    private RunLedger(Path dir, FileChannel channel, FileChannel reader, FileChannel lockChannel, LedgerIndex index,
            long offset) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.channel = channel;
        this.reader = reader;
        this.lockChannel = lockChannel;
        this.index = index;
        this.offset = offset;
        this.snapshotOffset = offset;
        Path key;
        try {
            key = file.toRealPath();
        } catch (IOException e) {
            key = file.toAbsolutePath().normalize();
        }
        this.fileLock = FILE_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    }

    /**
     * Opens (creating) the ledger in {@code dir}: its snapshot, then the log after it.
     *
     * @throws NotRegularFileException when the log or its lock file is a link, a folder, a FIFO or a device: the
     *     ledger is never opened through one (a link could lead outside the trigger root, a FIFO would block)
     */
    public static RunLedger open(Path dir) throws IOException {
        Files.createDirectories(dir);
        requireRegular(dir.resolve(FILE));
        requireRegular(dir.resolve(LOCK));
        FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        FileChannel reader = FileChannel.open(dir.resolve(FILE), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        Optional<LedgerSnapshot.Loaded> snap = LedgerSnapshot.read(dir);
        if (snap.isPresent() && !usable(reader, snap.get().offset())) {
            snap = LedgerSnapshot.ignored(dir.resolve(LedgerSnapshot.FILE), "it covers " + snap.get().offset()
                    + " bytes of the log, which does not end a line there");
        }
        RunLedger ledger = new RunLedger(dir, channel, reader, lockChannel,
                snap.map(LedgerSnapshot.Loaded::index).orElseGet(LedgerIndex::new),
                snap.map(LedgerSnapshot.Loaded::offset).orElse(0L));
        ledger.snapshotBytes = snap.isPresent() ? Files.size(dir.resolve(LedgerSnapshot.FILE)) : 0;
        ledger.lock.lock();
        try {
            ledger.tail();
        } finally {
            ledger.lock.unlock();
        }
        return ledger;
    }

    private static void requireRegular(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // created
        }
        if (!attrs.isRegularFile()) {
            throw new NotRegularFileException("The runner refuses to start: " + file + " is " + BoundedFiles.kind(attrs)
                    + ", not a regular file. The run ledger is never opened through a link (it could lead outside "
                    + "the trigger root) or a special file (a FIFO would block the runner). Put the ledger's real "
                    + "file there, or move this aside to start an empty ledger.");
        }
    }

    /** A snapshot's offset is usable when the log is at least that long and the byte before it ends a line. */
    private static boolean usable(FileChannel log, long offset) {
        try {
            if (offset == 0) {
                return true;
            }
            if (log.size() < offset) {
                return false;
            }
            ByteBuffer b = ByteBuffer.allocate(1);
            return log.read(b, offset - 1) == 1 && b.get(0) == '\n';
        } catch (IOException e) {
            return false;
        }
    }

    /** Every readable entry of the ledger file at {@code file}, oldest first (empty when there is none). */
    public static List<LedgerEntry> read(Path file) throws IOException {
        return LedgerReader.all(file);
    }

    public Path file() {
        return file;
    }

    /** Appends {@code entry}, forced to disk, and folds in whatever other runners appended meanwhile. */
    public void append(LedgerEntry entry) throws IOException {
        exclusive(view -> {
            view.append(entry);
            return null;
        });
    }

    /**
     * Runs {@code decision} under the fleet-wide lock, after folding in every entry appended so far by any runner;
     * what it appends through the view is durable before this returns.
     */
    public <T> T exclusive(Function<View, T> decision) throws IOException {
        View view = new View();
        T result;
        fileLock.lock();
        lock.lock();
        try (FileLock ignored = lockChannel.lock()) {
            tail();
            result = decision.apply(view);
            if (view.failure != null) {
                throw view.failure;
            }
            compactIfDue();
        } finally {
            lock.unlock();
            fileLock.unlock();
        }
        if (view.wrote) {
            // forced after the lock is released, so runners do not queue behind each other's disk flush; still
            // before the caller acts. A line another runner appends after reading this one lies after it in the
            // same file, so its own force makes this one durable too: no decision outlives what it was based on.
            channel.force(false);
        }
        return result;
    }

    /** Folds in what other runners appended since the last look (no lock: a torn tail is left for later). */
    public void refresh() throws IOException {
        lock.lock();
        try {
            tail();
        } finally {
            lock.unlock();
        }
    }

    /** The ledger as seen inside {@link #exclusive}. */
    public final class View {
        private IOException failure;
        private boolean wrote;

        public Optional<String> succeededRun(String triggerId) {
            return index.succeededRun(triggerId);
        }

        /** The open run (started, not ended, by any runner) that holds {@code triggerId}. */
        public Optional<LedgerEntry> openRunOf(String triggerId) {
            return index.openRunOf(triggerId);
        }

        public List<LedgerEntry> openRuns() {
            return List.copyOf(index.open.values());
        }

        /** Whether the run {@code runId} is still open. */
        public boolean isOpen(String runId) {
            return index.open.containsKey(runId);
        }

        public void append(LedgerEntry entry) {
            if (failure != null) {
                return;
            }
            try {
                write(entry);
                wrote = true;
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private void write(LedgerEntry entry) throws IOException {
        long size = reader.size();
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            if (reader.read(last, size - 1) == 1 && last.get(0) != '\n') {
                LOG.warn("The run ledger {} ended in a torn line (a crash mid-write); ending it so the next line "
                        + "stays whole", file);
                writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        }
        writeFully(ByteBuffer.wrap(LedgerLines.encode(entry)));
        tail();
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Under {@link #lock}: folds complete lines after {@link #offset} into the index. */
    private void tail() throws IOException {
        long size = reader.size();
        while (offset < size) {
            int n = (int) Math.min(READ_CHUNK, size - offset);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining()) {
                if (reader.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            byte[] bytes = buf.array();
            int limit = buf.position();
            int start = 0;
            for (int i = 0; i < limit; i++) {
                if (bytes[i] == '\n') {
                    fold(bytes, start, i, offset + start);
                    start = i + 1;
                }
            }
            if (start == 0) {
                if (limit == READ_CHUNK) {
                    LOG.warn("Skipping a ledger line over {} bytes at offset {} of {}", READ_CHUNK, offset, file);
                    offset += skipLine(offset + limit);
                    continue;
                }
                return; // an incomplete last line: being written, or torn (ended by the next writer)
            }
            offset += start;
        }
    }

    private long skipLine(long from) throws IOException {
        long pos = from;
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        while (true) {
            b.clear();
            int n = reader.read(b, pos);
            if (n <= 0) {
                return pos - offset;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) == '\n') {
                    return pos + i + 1 - offset;
                }
            }
            pos += n;
        }
    }

    private void fold(byte[] bytes, int from, int to, long at) {
        LedgerLines.Decoded d = LedgerLines.decode(bytes, from, to);
        if (d.ok()) {
            index.apply(d.entry());
        } else if (d.skipped() != null) {
            LOG.warn("Skipping the run ledger's line at byte {} of {}: {}", at, file,
                    org.lakehouse.runner.root.LogSafe.text(d.skipped(), 300));
        }
    }

    private void compactIfDue() {
        long grown = offset - snapshotOffset;
        if (grown < Math.max(COMPACT_MIN_BYTES, snapshotBytes / 4)) {
            return;
        }
        try {
            writeSnapshot();
        } catch (IOException e) {
            LOG.warn("Cannot write the ledger snapshot in {}: {}; start-ups replay more of the log until it works",
                    dir, e.toString());
        }
    }

    /** Writes the snapshot now (tests and the ledger benchmark). */
    public void compact() throws IOException {
        exclusive(view -> {
            try {
                writeSnapshot();
            } catch (IOException e) {
                view.failure = e;
            }
            return null;
        });
    }

    /** Under {@link #lock}: the index as it is now becomes the snapshot. */
    private void writeSnapshot() throws IOException {
        LedgerSnapshot.write(dir, index, offset);
        snapshotOffset = offset;
        snapshotBytes = Files.size(dir.resolve(LedgerSnapshot.FILE));
    }

    /** The run that already succeeded for {@code triggerId}, as of the last look at the log. */
    public Optional<String> succeededRun(String triggerId) {
        return locked(() -> index.succeededRun(triggerId));
    }

    /** Runs whose last entry is STARTED or RETRYING, by any runner, as of the last look. */
    public List<LedgerEntry> openRuns() {
        return locked(() -> List.copyOf(index.open.values()));
    }

    /** When {@code job} last succeeded (any runner), as of the last look. */
    public Optional<Instant> lastSuccess(String job) {
        return locked(() -> Optional.ofNullable(index.lastSuccess.get(job)));
    }

    /** When the newest entry was written (by any runner on this ledger), if any. */
    public Optional<Instant> lastEntry() {
        return locked(() -> Optional.ofNullable(index.lastEntry));
    }

    /** Entries folded in so far (snapshot included). */
    public long entries() {
        return locked(() -> index.entries);
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            channel.close();
            reader.close();
            lockChannel.close();
        } finally {
            lock.unlock();
        }
    }
}
