package org.lakehouse.runner.root;

import java.nio.file.Path;

/** A trigger root the runner cannot use as it is: what, why and how to fix it. */
public final class RootException extends RuntimeException {
    public RootException(String message) {
        super(message);
    }

    static RootException notDirectory(Path root) {
        return new RootException("The trigger root " + root + " is not a directory. The runner watches "
                + "<root>/incoming for trigger files. Point trigger-root at a directory (or remove the file there).");
    }

    static RootException notWritable(Path root) {
        return new RootException("The trigger root " + root + " is not writable by this user, so triggers "
                + "cannot be claimed (moved to claimed/) or answered (results/). Fix its owner or permissions, or "
                + "point trigger-root elsewhere.");
    }

    static RootException isLink(Path dir) {
        return new RootException("The runner refuses to start: " + dir + " is a symbolic link, and the runner "
                + "never follows links in the trigger root. Replace it with a real directory.");
    }

    static RootException worldWritable(Path dir) {
        return new RootException("The runner refuses to start: " + dir + " is writable by every user, so anyone "
                + "could drop, replace or remove triggers and results. Share incoming/ through a group instead: "
                + "chmod o-w " + dir + " (see runner/README.md, \"Sharing the trigger root\").");
    }

    static RootException groupWritable(Path dir) {
        return new RootException("The runner refuses to start: " + dir + " is writable by its group, but it holds "
                + "the runner's own state (claims, the run ledger, results, heartbeats): a client that can write "
                + "it could forge a success or steal a claim. Only incoming/ is for clients: chmod g-w " + dir
                + " (see runner/README.md, \"Sharing the trigger root\").");
    }

    static RootException cannotPrepare(Path dir, Exception e) {
        return new RootException("Cannot create " + dir + " (" + e.getMessage() + "). Check that the trigger "
                + "root is writable and on a local filesystem.");
    }
}
