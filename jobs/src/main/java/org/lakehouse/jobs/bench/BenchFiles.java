package org.lakehouse.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;

/** Files a benchmark writes and removes between runs. */
public final class BenchFiles {
    private BenchFiles() {
    }

    /**
     * Deletes {@code dir} with everything in it; nothing to do when it does not exist.
     *
     * @param what what the folder holds, for the error: "the lake of a finished run"
     */
    public static void deleteDirectory(Path dir, String what) {
        try {
            FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + what + ", " + dir
                    + "; delete it and run the benchmark again", e);
        }
    }
}
