/** Silver to the Gold revenue and quality tables, recomputing only the windows new rows touch. */
package org.lakehouse.jobs.gold;
