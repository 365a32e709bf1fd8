/**
 * The entry point of the embedded KRaft broker's own JVM: it formats storage on first start, runs a single
 * broker+controller node and reports readiness on stdout. It is started by {@code org.lakehouse.kafka.EmbeddedKafka}
 * and never loaded into a JVM that runs Spark, whose kafka-clients version differs.
 */
package org.lakehouse.kafka.server;
