package org.lakehouse.runner.console;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;

/**
 * The Gold tables at their latest committed version, cached per version: a poll costs a listing of
 * {@code _delta_log/}; the table is read again only when a new commit landed there. A lake without the table gives
 * an empty snapshot (no version, no rows), never an error. Thread-safe; reads of one table are serialised.
 */
final class GoldReader {
    /** Rows per table the console shows at most (the newest); more is reported as {@code truncated}. */
    static final int MAX_ROWS = 5000;
    private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

    /**
     * One committed version of a table, oldest key first.
     *
     * @param version the Delta version read, or null when the table does not exist
     */
    record Snapshot(LakeTable table, Long version, List<Map<String, Object>> rows, boolean truncated) {
    }

    private final LakePaths paths;
    private final GoldSource source;
    private final Map<LakeTable, Snapshot> cache = new ConcurrentHashMap<>();
    private final Map<LakeTable, Object> locks = new java.util.EnumMap<>(LakeTable.class);

    GoldReader(LakePaths paths, GoldSource source) {
        this.paths = paths;
        this.source = source;
        for (LakeTable t : LakeTable.values()) {
            locks.put(t, new Object());
        }
    }

    Snapshot snapshot(LakeTable table) throws IOException {
        synchronized (locks.get(table)) {
            OptionalLong latest = latestVersion(paths.table(table));
            if (latest.isEmpty()) {
                return new Snapshot(table, null, List.of(), false);
            }
            Snapshot cached = cache.get(table);
            if (cached != null && cached.version() == latest.getAsLong()) {
                return cached;
            }
            List<Map<String, Object>> rows = new ArrayList<>(source.read(table, paths.uri(table),
                    latest.getAsLong(), MAX_ROWS));
            boolean truncated = rows.size() > MAX_ROWS;
            if (truncated) {
                rows = rows.subList(0, MAX_ROWS);
            }
            Collections.reverse(rows);
            Snapshot s = new Snapshot(table, latest.getAsLong(), List.copyOf(rows), truncated);
            cache.put(table, s);
            return s;
        }
    }

    /** The newest commit in the table's {@code _delta_log/}, if it has one. */
    static OptionalLong latestVersion(Path tableDir) throws IOException {
        Path log = tableDir.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return OptionalLong.empty();
        }
        long max = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(log, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (COMMIT.matcher(name).matches()) {
                    max = Math.max(max, Long.parseLong(name.substring(0, 20)));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return OptionalLong.empty();
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }
}
