/**
 * The trigger root: its folder layout, the claimed-name codec, capped reads of files the runner does not own, and
 * every listing the daemon, the CLI, the console and the fallbacks need. Nothing else knows the layout.
 */
package org.lakehouse.runner.root;
