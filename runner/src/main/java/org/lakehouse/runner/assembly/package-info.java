/**
 * The composition root of a runner process: the daemon ({@code runner.daemon}) plus what is wired around it (HTTP,
 * the web console, the Quartz fallbacks, continuous mode). The daemon knows none of these.
 */
package org.lakehouse.runner.assembly;
