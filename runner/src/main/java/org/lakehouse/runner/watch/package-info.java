/** Filesystem watches on {@code incoming/}: hints that a trigger may be there; rescans make them reliable. */
package org.lakehouse.runner.watch;
