/**
 * The runner daemon: its lifecycle ({@code Runner}), the intake that claims triggers through one gate, the
 * dispatcher that coalesces them into runs, and the outcomes that answer every trigger.
 */
package org.lakehouse.runner.daemon;
