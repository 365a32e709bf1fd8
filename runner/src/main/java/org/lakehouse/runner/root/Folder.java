package org.lakehouse.runner.root;

/**
 * The folders of a trigger root. Only {@code incoming/} is written by clients; the others are the runner's own
 * state and must be writable by the runner's user alone (a client that could write the ledger could forge a
 * success).
 */
public enum Folder {
    /** New triggers, written by clients; watched. */
    INCOMING("incoming", true),
    /** Triggers being served: {@link ClaimedName} entries. */
    CLAIMED("claimed", false),
    /** Triggers moved aside, each beside its error file. */
    FAILED("failed", false),
    /** One result file per trigger id. */
    RESULTS("results", false),
    /** The run ledger shared by every runner on the root. */
    LEDGER("ledger", false),
    /** One heartbeat file per live runner: the lease on all its claims. */
    RUNNERS("runners", false);

    private final String dirName;
    private final boolean clientWritable;

    Folder(String dirName, boolean clientWritable) {
        this.dirName = dirName;
        this.clientWritable = clientWritable;
    }

    public String dirName() {
        return dirName;
    }

    /** Whether clients (group members) may write it; the others must be writable by the runner's user only. */
    public boolean clientWritable() {
        return clientWritable;
    }
}
