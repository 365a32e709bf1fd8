package org.lakehouse.runner.trigger;

/**
 * A trigger the runner cannot run: it goes to {@code failed/} with an error file. The message says what is wrong
 * and how to fix it; {@link #id()} is the trigger's id when it could be read (so its result can be written).
 */
public final class BadTriggerException extends Exception {
    private final String id;

    public BadTriggerException(String message, String id) {
        super(message);
        this.id = id;
    }

    public String id() {
        return id;
    }

    public BadTriggerException withId(String triggerId) {
        return new BadTriggerException(getMessage(), triggerId);
    }
}
