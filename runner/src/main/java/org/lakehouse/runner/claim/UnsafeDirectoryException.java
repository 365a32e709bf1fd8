package org.lakehouse.runner.claim;

import java.io.IOException;

/** A trigger-root folder that is no longer a real directory (replaced by a link, or removed): nothing moves. */
public final class UnsafeDirectoryException extends IOException {
    public UnsafeDirectoryException(String message) {
        super(message);
    }
}
