package org.lakehouse.kafka;

/**
 * A user-facing error of the embedded broker: its message states what went wrong, why, and how to fix it.
 * Created only through {@link BrokerErrors}.
 */
public final class EmbeddedKafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
