/**
 * What every job shares: how a Spark session is built, with the settings of {@code config/spark.properties}.
 */
package org.lakehouse.jobs.core;
