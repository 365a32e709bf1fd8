/** The job registry and {@link org.lakehouse.jobs.JobMain}, the entry point spark-submit runs. */
package org.lakehouse.jobs;
