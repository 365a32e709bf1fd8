package org.lakehouse.runner.daemon;

/** The runner cannot start (or go on): the message says what, why and how to fix it. */
public final class RunnerException extends RuntimeException {
    public RunnerException(String message) {
        super(message);
    }
}
