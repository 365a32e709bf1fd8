/** Quartz-scheduled fallbacks: drop an ordinary trigger when a job had no successful run within a window. */
package org.lakehouse.runner.schedule;
