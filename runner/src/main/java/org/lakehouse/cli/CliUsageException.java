package org.lakehouse.cli;

/**
 * A user-facing usage error found after parsing: the call is wrong (a refused SQL statement, an unreadable input
 * file), not the system. Its message says what, why and how to fix. Exit code 2, no stack trace, no usage dump.
 */
public final class CliUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliUsageException(String message) {
        super(message);
    }

    public CliUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
