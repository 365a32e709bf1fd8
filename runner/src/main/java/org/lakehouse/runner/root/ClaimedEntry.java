package org.lakehouse.runner.root;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One entry of {@code claimed/} as listed: its path (raw, as the directory returned it) and its decoded name, empty
 * when the name is not one the runner writes (planted, or left by an older version).
 */
public record ClaimedEntry(Path path, String fileName, Optional<ClaimedName> name) {
}
