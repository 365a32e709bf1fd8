/**
 * The order producer: deterministic synthetic order events with injected faults ({@code generate}), their wire
 * encodings ({@code event}), the ground-truth manifest of what Gold must contain ({@code manifest}), and the
 * durable, rate-limited Kafka publisher ({@code publish}).
 */
package org.lakehouse.producer;
