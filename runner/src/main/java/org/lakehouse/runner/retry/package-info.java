/** Retry policy: pure decisions about whether and when a failed run is tried again. */
package org.lakehouse.runner.retry;
