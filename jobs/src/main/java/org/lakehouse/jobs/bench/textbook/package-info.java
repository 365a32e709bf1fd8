/**
 * The textbook peer of the lake's pipeline: Bronze, Silver and Gold as a typical Spark tutorial writes them, run in
 * a session of its own at Spark's and Delta's defaults, so the benchmarks can say how our jobs compare with it.
 */
package org.lakehouse.jobs.bench.textbook;
