/** Kafka to {@code bronze.orders_raw}: the exact bytes received plus their provenance, appended exactly once. */
package org.lakehouse.jobs.bronze;
