/**
 * Bronze to Silver: parsing, standardization, the data-quality rules of {@code config/silver-rules.yaml}, the
 * quarantine, and deduplication by event id.
 */
package org.lakehouse.jobs.silver;
