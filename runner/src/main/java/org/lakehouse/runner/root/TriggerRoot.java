package org.lakehouse.runner.root;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a trigger root's layout: its folders ({@link Folder}), the claimed-name codec
 * ({@link ClaimedName}) and every listing the daemon, the CLI, the console and the fallbacks need.
 *
 * <p>Confinement: {@link #prepare()} records the root's real path. Every later use of a folder goes through
 * {@link #require(Folder)}, which re-checks that the folder is still a real directory whose real path is the one
 * recorded, so a root or folder replaced by a link (or removed) while the runner runs stops all I/O through it,
 * with one WARN per folder, until it is restored. Thread-safe.
 */
public final class TriggerRoot {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerRoot.class);
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    /** Runner-owned folders are created with this mode: the group may read (results, errors), never write. */
    private static final Set<PosixFilePermission> RUNNER_ONLY = PosixFilePermissions.fromString("rwxr-x---");

    private final Path root;
    private volatile Path realRoot;
    private final Map<Folder, Boolean> unsafe = new ConcurrentHashMap<>();

    public TriggerRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path path() {
        return root;
    }

    /** Where {@code folder} is (not checked: use {@link #require} before any I/O through it). */
    public Path folder(Folder folder) {
        return root.resolve(folder.dirName());
    }

    public Path incoming() {
        return folder(Folder.INCOMING);
    }

    public Path claimed() {
        return folder(Folder.CLAIMED);
    }

    public Path failed() {
        return folder(Folder.FAILED);
    }

    public Path results() {
        return folder(Folder.RESULTS);
    }

    public Path ledger() {
        return folder(Folder.LEDGER);
    }

    public Path runners() {
        return folder(Folder.RUNNERS);
    }

    /** With {@code launcher=cluster}: per run attempt, the files spark-submit leaves. */
    public Path cluster() {
        return root.resolve("cluster");
    }

    /**
     * Checks the root and creates what is missing: every folder must be a real directory (not a link), writable,
     * not writable by every user; the runner's own folders must not be writable by the group either.
     *
     * @throws RootException saying what is wrong and how to fix it
     */
    public void prepare() {
        try {
            if (Files.isSymbolicLink(root)) {
                throw RootException.isLink(root);
            }
            if (Files.exists(root, NOFOLLOW) && !Files.isDirectory(root, NOFOLLOW)) {
                throw RootException.notDirectory(root);
            }
            if (!Files.exists(root, NOFOLLOW)) {
                Files.createDirectories(root.getParent());
                create(root, Folder.RESULTS);
            }
            if (!Files.isWritable(root)) {
                throw RootException.notWritable(root);
            }
            // a client able to write the root could rename a runner folder away and plant its own
            refuseWritableBy(root, true);
            for (Folder f : Folder.values()) {
                Path dir = folder(f);
                if (Files.isSymbolicLink(dir)) {
                    throw RootException.isLink(dir);
                }
                if (Files.exists(dir, NOFOLLOW) && !Files.isDirectory(dir, NOFOLLOW)) {
                    throw RootException.notDirectory(dir);
                }
                if (!Files.exists(dir, NOFOLLOW)) {
                    create(dir, f);
                }
                if (!Files.isWritable(dir)) {
                    throw RootException.notWritable(dir);
                }
                refuseWritableBy(dir, !f.clientWritable());
            }
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw RootException.cannotPrepare(root, e);
        }
    }

    private static void create(Path dir, Folder f) throws IOException {
        if (posix(dir.getParent()) && !f.clientWritable()) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(RUNNER_ONLY));
        } else {
            Files.createDirectory(dir);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void refuseWritableBy(Path dir, boolean runnerOnly) throws IOException {
        if (!posix(dir)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, NOFOLLOW);
        if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw RootException.worldWritable(dir);
        }
        if (runnerOnly && perms.contains(PosixFilePermission.GROUP_WRITE)) {
            throw RootException.groupWritable(dir);
        }
    }

    /**
     * {@code folder}'s path, after checking it is still the real directory it was at {@link #prepare()}.
     *
     * @throws UnsafeDirectoryException when it is not (one WARN per folder until it is restored)
     */
    public Path require(Folder folder) throws UnsafeDirectoryException {
        Path dir = folder(folder);
        String why = check(dir, folder);
        if (why == null) {
            if (unsafe.remove(folder) != null) {
                LOG.info("{} is a real directory again; triggers move through it again", dir);
            }
            return dir;
        }
        if (unsafe.put(folder, Boolean.TRUE) == null) {
            LOG.warn("Refusing to use {}: it {}. The runner never follows links in the trigger root; restore the "
                    + "directory (nothing moves through it until then).", dir, why);
        }
        throw new UnsafeDirectoryException(dir + " " + why);
    }

    /**
     * Checks every folder ({@link #require} each): a trigger is looked at and claimed only while the whole root is
     * safe, so nothing it goes through on its way (claimed/, results/, failed/, the ledger, the heartbeat) can be a
     * link that leads outside, and no claim is left half-answered by a folder that went away meanwhile.
     *
     * @throws UnsafeDirectoryException naming the first unsafe folder (one WARN per folder until restored)
     */
    public void requireAll() throws UnsafeDirectoryException {
        for (Folder f : Folder.values()) {
            require(f);
        }
    }

    private String check(Path dir, Folder folder) {
        if (!Files.isDirectory(dir, NOFOLLOW)) {
            return Files.isSymbolicLink(dir) ? "was replaced by a symbolic link" : "is not a directory any more";
        }
        Path real = realRoot;
        if (real == null) {
            return null;
        }
        try {
            if (!dir.toRealPath().equals(real.resolve(folder.dirName()))) {
                return "no longer resolves inside the trigger root " + real + " (the root was moved or linked)";
            }
        } catch (IOException e) {
            return "cannot be resolved (" + e.getMessage() + ")";
        }
        return null;
    }

    /** Whether every folder is still the real directory it was at start-up (for {@code /health}). */
    public boolean safe() {
        for (Folder f : Folder.values()) {
            if (check(folder(f), f) != null) {
                return false;
            }
        }
        return true;
    }

    /** Candidate trigger files in {@code incoming/} (raw paths as listed; nothing filtered but by name). */
    public List<Path> incomingFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(require(Folder.INCOMING))) {
            s.forEach(files::add);
        }
        return files;
    }

    /** Every entry of {@code claimed/}, decoded where the codec can. */
    public List<ClaimedEntry> claimedEntries() throws IOException {
        List<ClaimedEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(require(Folder.CLAIMED))) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                entries.add(new ClaimedEntry(p, name, ClaimedName.parse(name)));
            }
        }
        return entries;
    }

    /** The path of a claim's entry in {@code claimed/}. */
    public Path claimedPath(ClaimedName name) throws UnsafeDirectoryException {
        return require(Folder.CLAIMED).resolve(name.fileName());
    }

    /** Job → trigger files waiting in {@code incoming/}; names that name no job count as "(invalid name)". */
    public Map<String, Integer> waitingByJob() {
        Map<String, Integer> counts = new TreeMap<>();
        try {
            for (Path p : incomingFiles()) {
                String name = p.getFileName().toString();
                if (!TriggerName.ignored(name)) {
                    counts.merge(TriggerName.job(name).orElse("(invalid name)"), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot list {}: {}", incoming(), e.toString());
        }
        return counts;
    }

    /** Job → triggers in {@code claimed/} (queued or running, by any runner on the root). */
    public Map<String, Integer> claimedByJob() {
        Map<String, Integer> counts = new TreeMap<>();
        try {
            for (ClaimedEntry e : claimedEntries()) {
                String job = e.name().flatMap(n -> TriggerName.job(n.stored())).orElse("(invalid name)");
                counts.merge(job, 1, Integer::sum);
            }
        } catch (IOException e) {
            LOG.debug("Cannot list {}: {}", claimed(), e.toString());
        }
        return counts;
    }

    /**
     * Whether a trigger for {@code job} waits in {@code incoming/} or is claimed; true when that cannot be told
     * (so a fallback never doubles a run it cannot see).
     */
    public boolean holdsJob(String job) {
        try {
            for (Path p : incomingFiles()) {
                String name = p.getFileName().toString();
                if (!TriggerName.ignored(name) && TriggerName.job(name).filter(job::equals).isPresent()) {
                    return true;
                }
            }
            for (ClaimedEntry e : claimedEntries()) {
                if (e.name().flatMap(n -> TriggerName.job(n.stored())).filter(job::equals).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Where the trigger file {@code triggerName} (as a client writes it) is now: waiting, claimed, or failed
     * (under {@code failedId}); empty when in none. Looked at in the order a trigger moves, so a trigger moving
     * meanwhile is still found.
     */
    public Optional<Place> place(String triggerName, String failedId) throws IOException {
        if (Files.exists(require(Folder.INCOMING).resolve(triggerName), NOFOLLOW)) {
            return Optional.of(Place.WAITING);
        }
        for (ClaimedEntry e : claimedEntries()) {
            if (e.name().isPresent() && sameTrigger(e.name().get(), triggerName)) {
                return Optional.of(Place.CLAIMED);
            }
        }
        if (failedId != null && Files.exists(require(Folder.FAILED).resolve(failedId + ".trigger"), NOFOLLOW)) {
            return Optional.of(Place.FAILED);
        }
        return Optional.empty();
    }

    private static boolean sameTrigger(ClaimedName claimed, String triggerName) {
        return claimed.stored().equals(triggerName)
                || claimed.stored().equals(ClaimedName.of(claimed.runnerId(), claimed.sequence(), triggerName)
                        .stored());
    }

    /** Where a trigger is. */
    public enum Place {
        WAITING, CLAIMED, FAILED
    }

    /** The error files in {@code failed/} (paths), unordered. */
    public List<Path> errorFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(require(Folder.FAILED), "*.error.json")) {
            s.forEach(files::add);
        } catch (NoSuchFileException e) {
            // nothing failed yet
        }
        return files;
    }
}
