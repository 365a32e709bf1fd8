package org.lakehouse.jobs.core;

/**
 * A job failure a user can act on: the message says what happened, why and how to fix it. {@link #invalidInput()}
 * separates bad parameters or config (fix the call, exit 2) from failures of the run itself (exit 1).
 */
public class JobException extends RuntimeException {
    private final boolean invalidInput;

    public JobException(String message, boolean invalidInput, Throwable cause) {
        super(message, cause);
        this.invalidInput = invalidInput;
    }

    public boolean invalidInput() {
        return invalidInput;
    }
}
