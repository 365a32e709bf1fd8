package org.lakehouse.runner.daemon;

import java.nio.file.Path;

/** The runner's user-facing start-up errors: what, why, how to fix. */
final class RunnerErrors {
    private RunnerErrors() {
    }

    static RunnerException rootNotDirectory(Path root) {
        return new RunnerException("The trigger root " + root + " is not a directory. The runner watches "
                + "<root>/incoming for trigger files. Point trigger-root at a directory (or remove the file there).");
    }

    static RunnerException rootNotWritable(Path root) {
        return new RunnerException("The trigger root " + root + " is not writable by this user, so triggers "
                + "cannot be claimed (moved to claimed/) or answered (results/). Fix its owner or permissions, or "
                + "point trigger-root elsewhere.");
    }

    static RunnerException rootIsLink(Path dir) {
        return new RunnerException("The runner refuses to start: " + dir + " is a symbolic link, and the runner "
                + "never follows links in the trigger root. Replace it with a real directory.");
    }

    static RunnerException worldWritable(Path dir) {
        return new RunnerException("The runner refuses to start: " + dir + " is writable by every user, so anyone "
                + "could drop, replace or remove triggers and results. Share it through a group instead: "
                + "chgrp -R lakehouse " + dir + " && chmod -R g+rwX,o-w " + dir + " && chmod g+s " + dir
                + " (see runner/README.md, \"Sharing the trigger root\").");
    }

    static RunnerException cannotPrepare(Path dir, Exception e) {
        return new RunnerException("Cannot create " + dir + " (" + e.getMessage() + "). Check that the trigger "
                + "root is writable and on a local filesystem.");
    }
}
