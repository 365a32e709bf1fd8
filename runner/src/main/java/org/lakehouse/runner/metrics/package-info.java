/** The runner's Micrometer meters, scraped as Prometheus text at {@code /metrics}. */
package org.lakehouse.runner.metrics;
