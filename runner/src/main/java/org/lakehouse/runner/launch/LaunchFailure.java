package org.lakehouse.runner.launch;

/**
 * A failed launch. The message says what failed, why and how to fix it; {@link #retriable()} says whether the same
 * launch may succeed when tried again unchanged.
 */
public final class LaunchFailure extends Exception {
    private final boolean retriable;

    public LaunchFailure(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
