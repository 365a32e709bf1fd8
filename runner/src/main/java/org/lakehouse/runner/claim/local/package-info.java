/** The claim strategy on a POSIX filesystem: atomic renames into {@code claimed/} and heartbeat files. */
package org.lakehouse.runner.claim.local;
