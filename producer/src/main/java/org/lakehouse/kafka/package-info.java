/**
 * Runs a real single-node Kafka broker (KRaft, broker+controller) for tests and the {@code lakehouse kafka} command.
 * The broker runs in its own JVM because it needs kafka-clients 4.3.1, which would clash with the kafka-clients 3.9.1
 * that Spark 4.1.1 uses if both shared one classpath; this package only launches, watches and stops that JVM.
 */
package org.lakehouse.kafka;
