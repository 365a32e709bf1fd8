/**
 * Running a job: the {@code JobLauncher} contract, the warm in-process Spark launcher and the Spark-free
 * {@code noop} job.
 */
package org.lakehouse.runner.launch;
