/**
 * The job benchmarks: Bronze against a Kafka-read-only baseline measured in the same run, and the whole pipeline
 * (Bronze, Silver, Gold) timed stage by stage with its peak heap. Inputs are produced before the clock starts.
 */
package org.lakehouse.jobs.bench;
