package org.lakehouse.producer;

/**
 * A user-facing producer error: its message states what went wrong, why, and how to fix it.
 * Created only through {@link ProducerErrors}.
 */
public final class ProducerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean invalidInput;

    ProducerException(String message, Throwable cause, boolean invalidInput) {
        super(message, cause);
        this.invalidInput = invalidInput;
    }

    /** Whether the caller's input was wrong (a usage error), rather than something failing at run time. */
    public boolean invalidInput() {
        return invalidInput;
    }
}
