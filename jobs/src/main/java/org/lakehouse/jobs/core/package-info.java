/**
 * What every job shares: sessions built from {@code config/spark.properties}, the lake's tables and paths, typed
 * parameters, bounded AvailableNow runs with their metrics, checkpoint guards, and the job errors.
 */
package org.lakehouse.jobs.core;
