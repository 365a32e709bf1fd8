/**
 * Continuous mode: a poller per continuous job that writes an ordinary trigger as soon as the job's input holds
 * something it has not read ({@link org.lakehouse.runner.continuous.InputProbe}), and the pipeline's freshness
 * figures (Kafka lag, the age of Gold's newest event) for the console and {@code /metrics}. Spark-free.
 */
package org.lakehouse.runner.continuous;
