/**
 * Durable, rate-limited publishing to Kafka: validated idempotent producer settings, topic creation, pacing and
 * progress. The same send loop serves generated records and the benchmark's pre-built baseline.
 */
package org.lakehouse.producer.publish;
