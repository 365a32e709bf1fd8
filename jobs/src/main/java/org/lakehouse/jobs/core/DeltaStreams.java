package org.lakehouse.jobs.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * Delta tables as streaming sources. A query with a new checkpoint reads a young table from its first commit on
 * ({@code startingVersion=0}) instead of from a snapshot of its current version; both give every row the table
 * holds, since the lake's source tables are append-only. A query with a checkpoint resumes from it and ignores the
 * option.
 *
 * <p>*Why:* Delta starts a new query on a snapshot by listing the snapshot's files with Spark jobs, about eight small
 * jobs per source: warm, 1.7 s of a Gold run's 5 s on a small lake (Gold has three sources), against 0.1 s from the
 * commits, which are read on the driver. A table with many commits is cheaper from its snapshot, and a table whose
 * first commits Delta has already cleaned up can only be read that way: such tables keep the default.
 */
public final class DeltaStreams {
    /** Up to this many commits, a new query reads the commits; beyond, the snapshot. */
    static final int MAX_COMMITS_FROM_FIRST = 100;

    private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");
    private static final String FIRST_COMMIT = "0".repeat(20) + ".json";

    private DeltaStreams() {
    }

    /**
     * {@code table} as a streaming source, from its first commit when that is the cheaper start.
     *
     * @param options further Delta source options ({@code maxFilesPerTrigger}, ...)
     */
    public static Dataset<Row> read(SparkSession spark, LakePaths paths, LakeTable table,
            Map<String, String> options) {
        DataStreamReader reader = spark.readStream().format("delta").options(options);
        if (readsFromFirstCommit(paths.table(table))) {
            reader.option("startingVersion", "0");
        }
        return reader.load(paths.uri(table));
    }

    /** True when the table's log still holds its first commit and at most {@link #MAX_COMMITS_FROM_FIRST}. */
    static boolean readsFromFirstCommit(Path tableDir) {
        Path log = tableDir.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return false;
        }
        try (Stream<Path> files = Files.list(log)) {
            List<String> commits = files.map(p -> p.getFileName().toString())
                    .filter(n -> COMMIT.matcher(n).matches()).toList();
            return commits.contains(FIRST_COMMIT) && commits.size() <= MAX_COMMITS_FROM_FIRST;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta log " + log
                    + "; check that the lake folder is readable", e);
        }
    }
}
