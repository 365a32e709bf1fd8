package org.lakehouse.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minor page faults of this process so far, from Linux's {@code /proc/self/stat}. *Why in the benchmark
 * logs:* a fault on a page the process has not touched yet makes the kernel zero that page; a heap that shrinks
 * between runs and grows again pays that for every page of the growth, which showed up as a sixth of Silver's
 * task samples before the heap stopped shrinking (see {@code config/jvm.options}). The count tells such a run from
 * one that is slow for its own code.
 */
final class PageFaults {
    private static final Path STAT = Path.of("/proc/self/stat");
    /** {@code minflt}: the 10th field of the stat line, the 8th after the command name's closing parenthesis. */
    private static final int MINFLT_AFTER_COMM = 7;

    private PageFaults() {
    }

    /** Minor page faults so far, or -1 where the system does not report them (not Linux). */
    static long count() {
        try {
            return parse(Files.readString(STAT));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The {@code minflt} field of a {@code /proc/<pid>/stat} line. The command name (2nd field, in parentheses) may
     * itself hold spaces and parentheses, so the fields are counted from its last closing parenthesis.
     */
    static long parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[MINFLT_AFTER_COMM]);
    }
}
