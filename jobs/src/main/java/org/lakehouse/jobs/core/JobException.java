package org.lakehouse.jobs.core;

/**
 * A job failure a user can act on: the message says what happened, why and how to fix it. {@link #invalidInput()}
 * separates bad parameters or config (fix the call, exit 2) from failures of the run itself (exit 1).
 */
public class JobException extends RuntimeException {
    private final boolean invalidInput;
    private final boolean retriable;

    public JobException(String message, boolean invalidInput, Throwable cause) {
        this(message, invalidInput, !invalidInput, cause);
    }

    public JobException(String message, boolean invalidInput, boolean retriable, Throwable cause) {
        super(message, cause);
        this.invalidInput = invalidInput;
        this.retriable = retriable;
    }

    /**
     * Whether running the same job again may succeed without anyone changing anything (a broker that was down, an
     * upstream table not written yet); false for bad input, lost data and a broken {@code fail} rule.
     */
    public boolean retriable() {
        return retriable;
    }

    public boolean invalidInput() {
        return invalidInput;
    }
}
