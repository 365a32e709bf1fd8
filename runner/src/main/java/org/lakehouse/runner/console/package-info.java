/**
 * The runner's web console, served on the runner's own HTTP port (127.0.0.1): the pipeline overview, the run ledger,
 * Gold charts read from the Delta tables, and an optional trigger form. Pages are static files in the runner jar
 * (Chart.js vendored as a WebJar); data comes from JSON endpoints under {@code /api/}; nothing accepts paths or SQL.
 */
package org.lakehouse.runner.console;
