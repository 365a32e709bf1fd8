package org.lakehouse.runner.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Delta table's commits, read from the JSON files of its {@code _delta_log} (no Spark): each version with its
 * commit time and the data files it added. The commit time is Delta's own: the commit's in-commit timestamp when
 * the table has them, else the commit file's modification time, as {@code DESCRIBE HISTORY} shows it.
 */
final class DeltaCommitLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

    /**
     * One commit.
     *
     * @param addedFiles the file names (without folders) of the data files it added
     */
    record Commit(long version, long committedMs, List<String> addedFiles) {
        Commit {
            addedFiles = List.copyOf(addedFiles);
        }
    }

    /** What one table's log holds: its id and its commits by version. */
    record Table(String id, List<Commit> commits) {
        Table {
            commits = List.copyOf(commits);
        }
    }

    private DeltaCommitLog() {
    }

    /** Reads every commit of the table at {@code tableDir}; the log must still hold them all (a fresh lake does). */
    static Table read(Path tableDir) throws IOException {
        Path log = tableDir.resolve("_delta_log");
        List<Path> files;
        try (Stream<Path> list = Files.list(log)) {
            files = list.filter(p -> COMMIT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        String id = null;
        List<Commit> commits = new ArrayList<>(files.size());
        for (Path file : files) {
            long version = Long.parseLong(file.getFileName().toString().substring(0, 20));
            if (version != commits.size()) {
                throw new IllegalStateException("The Delta log " + log + " lacks version " + commits.size()
                        + " (its first JSON commit is " + version + "): the benchmark reads a fresh lake's whole log");
            }
            Long inCommitTimestamp = null;
            List<String> added = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode action = JSON.readTree(line);
                    if (action.has("add") && action.get("add").path("dataChange").asBoolean(true)) {
                        added.add(fileName(action.get("add").get("path").asText()));
                    } else if (action.has("commitInfo") && action.get("commitInfo").has("inCommitTimestamp")) {
                        inCommitTimestamp = action.get("commitInfo").get("inCommitTimestamp").asLong();
                    } else if (action.has("metaData") && id == null) {
                        id = action.get("metaData").get("id").asText();
                    }
                }
            }
            long at = inCommitTimestamp != null ? inCommitTimestamp : Files.getLastModifiedTime(file).toMillis();
            commits.add(new Commit(version, at, added));
        }
        return new Table(Optional.ofNullable(id).orElseThrow(() -> new IllegalStateException(
                "The Delta log " + log + " names no table id (no metaData action)")), commits);
    }

    /** The last segment of an added file's path, which Delta writes URI-encoded and relative to the table. */
    static String fileName(String path) {
        String decoded = URI.create(path.replace(" ", "%20")).getPath();
        return decoded.substring(decoded.lastIndexOf('/') + 1);
    }
}
