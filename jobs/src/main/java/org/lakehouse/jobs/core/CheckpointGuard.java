package org.lakehouse.jobs.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps a checkpoint and the tables it feeds together. Beside Spark's own files the checkpoint holds
 * {@value #FILE}: the query's definition (what it reads, where it writes) and a stable id used as the Delta
 * {@code txnAppId} of the job's idempotent writes. A run refuses to start when the definition changed, or when the
 * checkpoint is gone while an output table has data. Definitions name tables by their folder inside the data
 * directory, so a lake moved as a whole keeps working.
 */
public final class CheckpointGuard {
    static final String FILE = "_lakehouse_definition";

    private CheckpointGuard() {
    }

    /**
     * Checks the checkpoint against {@code definition} and returns the checkpoint's stable id (created on first use).
     */
    public static String check(SparkSession spark, String job, Path checkpoint, String definition, LakePaths paths,
            List<LakeTable> outputs) {
        Path file = checkpoint.resolve(FILE);
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                String id = lines.get(0);
                String was = lines.size() > 1 ? lines.get(1) : "";
                if (!was.equals(definition)) {
                    throw JobErrors.definitionChanged(job, checkpoint, was, definition);
                }
                return id;
            }
            if (!hasProgress(checkpoint)) {
                for (LakeTable table : outputs) {
                    if (DeltaTables.hasData(spark, paths, table)) {
                        throw JobErrors.checkpointMissing(job, checkpoint, table.qualifiedName());
                    }
                }
            }
            String id = UUID.randomUUID().toString();
            Files.createDirectories(checkpoint);
            Path tmp = checkpoint.resolve(FILE + ".tmp");
            Files.writeString(tmp, id + "\n" + definition + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the checkpoint definition " + file, e);
        }
    }

    private static boolean hasProgress(Path checkpoint) throws IOException {
        Path offsets = checkpoint.resolve("offsets");
        if (!Files.isDirectory(offsets)) {
            return false;
        }
        try (Stream<Path> files = Files.list(offsets)) {
            return files.findAny().isPresent();
        }
    }
}
