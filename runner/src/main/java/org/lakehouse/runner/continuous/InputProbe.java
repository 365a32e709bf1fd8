package org.lakehouse.runner.continuous;

/**
 * Whether a job's input holds something the job has not read yet. Implementations are thread-safe: the poller and the
 * console's figures ask the same one.
 */
public interface InputProbe extends AutoCloseable {
    /**
     * The job's backlog now, per topic-partition.
     *
     * @throws InputUnavailableException when the input cannot be asked now (the broker is unreachable); the message
     *     says where, why and how to fix it
     */
    Backlog pending() throws InputUnavailableException;

    /** Where this probe looks, for messages (e.g. {@code Kafka at 127.0.0.1:9092, topics orders}). */
    String source();

    @Override
    default void close() {
    }
}
