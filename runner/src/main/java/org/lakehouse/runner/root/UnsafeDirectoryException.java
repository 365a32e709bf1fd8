package org.lakehouse.runner.root;

import java.io.IOException;

/**
 * A trigger-root folder that is no longer the real directory it was at start-up (replaced by a link, removed, or
 * the root itself moved or linked elsewhere): nothing is read, written or moved through it.
 */
public final class UnsafeDirectoryException extends IOException {
    public UnsafeDirectoryException(String message) {
        super(message);
    }
}
