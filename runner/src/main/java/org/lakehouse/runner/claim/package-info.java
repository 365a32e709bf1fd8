/** Owning trigger files: the in-progress gate, the atomic claim with its lease, and commit or reject. */
package org.lakehouse.runner.claim;
