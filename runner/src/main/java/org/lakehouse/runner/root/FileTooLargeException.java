package org.lakehouse.runner.root;

import java.io.IOException;

/** A file the runner does not own is larger than the cap for its kind: it is never read whole. */
public final class FileTooLargeException extends IOException {
    private final long size;
    private final long cap;

    public FileTooLargeException(String what, long size, long cap) {
        super(what + " is " + size + " bytes, over the limit of " + cap + " bytes");
        this.size = size;
        this.cap = cap;
    }

    public long size() {
        return size;
    }

    public long cap() {
        return cap;
    }
}
