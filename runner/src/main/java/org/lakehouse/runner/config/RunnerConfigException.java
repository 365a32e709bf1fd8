package org.lakehouse.runner.config;

/** A runner setting that cannot be used; the message names the key, the value and what is allowed. */
public final class RunnerConfigException extends RuntimeException {
    public RunnerConfigException(String message) {
        super(message);
    }
}
