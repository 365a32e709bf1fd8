package org.lakehouse.jobs.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's accumulated JIT compilation time ({@link CompilationMXBean}), summed over its compiler threads. *Why in
 * the benchmark logs:* on two cores the compiler threads compete with Spark's tasks, so a stage that is still
 * compiling is slower for a reason that is not its own code; the figure tells a warm stage from a compiling one.
 */
final class JitTime {
    private JitTime() {
    }

    /** Seconds compiled so far, or 0 where the JVM does not report it. */
    static double seconds() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : 0;
    }
}
