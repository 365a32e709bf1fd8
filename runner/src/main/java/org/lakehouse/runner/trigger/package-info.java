/** The trigger file: its name, its JSON format (protocol v1), its id, and how clients write one atomically. */
package org.lakehouse.runner.trigger;
