/**
 * The ground truth: what Silver, quarantine and Gold must contain after the generated records are processed,
 * computed in plain Java (BigDecimal, two decimals, HALF_UP) independently of Spark.
 */
package org.lakehouse.producer.manifest;
