package org.lakehouse.cli;

import java.nio.file.Path;
import org.lakehouse.jobs.core.LakePaths;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the lake lives, shared by {@code job}, {@code query} and {@code reconcile}. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The lake's data directory: tables and checkpoints (default: data/ under the checkout).")
    Path dataDir;

    LakePaths paths() {
        return new LakePaths(dataDir != null ? dataDir : LakehouseHome.detect().data(""));
    }
}
