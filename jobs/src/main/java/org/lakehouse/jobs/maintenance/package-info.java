/** OPTIMIZE and VACUUM over the lake's tables. */
package org.lakehouse.jobs.maintenance;
