package org.lakehouse.cli;

/** A user-facing command-line error; its message says what, why and how to fix. Exit code 1, no stack trace. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
