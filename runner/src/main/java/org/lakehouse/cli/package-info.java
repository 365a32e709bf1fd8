/**
 * The {@code lakehouse} command line: one picocli entry point whose subcommands start the embedded broker,
 * produce orders, run the demo and the benchmarks. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
package org.lakehouse.cli;
