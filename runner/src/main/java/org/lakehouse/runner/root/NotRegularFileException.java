package org.lakehouse.runner.root;

import java.io.IOException;

/** A path that should name a regular file names a link, a folder, a FIFO, a socket or a device: it is not opened. */
public final class NotRegularFileException extends IOException {
    public NotRegularFileException(String message) {
        super(message);
    }
}
