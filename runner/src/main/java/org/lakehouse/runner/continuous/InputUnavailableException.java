package org.lakehouse.runner.continuous;

/** The job's input cannot be asked now (e.g. no broker answers); the message says where, why and how to fix it. */
public final class InputUnavailableException extends Exception {
    public InputUnavailableException(String message) {
        super(message);
    }

    public InputUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
