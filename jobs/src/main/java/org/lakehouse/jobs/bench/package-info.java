/**
 * The job benchmarks: Bronze against a Kafka-read-only baseline measured in the same run, the whole pipeline
 * (Bronze, Silver, Gold) timed stage by stage with its peak heap, optionally beside a textbook peer
 * ({@code textbook}), and a round on a lake with a long history against an empty lake ({@code growth}). Inputs are
 * produced before the clock starts.
 */
package org.lakehouse.jobs.bench;
