/** What the runner answers: result files, error files, and the atomic write they share. */
package org.lakehouse.runner.result;
