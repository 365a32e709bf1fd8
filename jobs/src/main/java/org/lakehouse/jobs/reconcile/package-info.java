/** End-to-end checks: Kafka against Bronze, Bronze against Silver, Gold against its recomputation and a manifest. */
package org.lakehouse.jobs.reconcile;
