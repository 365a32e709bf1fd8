package org.lakehouse.jobs.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the lake lives: one data directory holding the tables and the streaming checkpoints. Paths are absolute so
 * a job behaves the same whatever the working directory of the JVM that runs it.
 */
public record LakePaths(Path dataDir) {
    public LakePaths {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path table(LakeTable table) {
        return dataDir.resolve(table.folder());
    }

    /** The checkpoint folder of one job's streaming query. */
    public Path checkpoint(String job) {
        return dataDir.resolve("checkpoints").resolve(job);
    }

    /** True when the folder holds a Delta table (a {@code _delta_log} with at least one commit). */
    public boolean exists(LakeTable table) {
        Path log = table(table).resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return false;
        }
        try (var files = Files.list(log)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The table's folder as Spark and Delta are given it: an absolute local path. */
    public String uri(LakeTable table) {
        return table(table).toString();
    }
}
