package org.lakehouse.cli;

import java.nio.file.Path;
import java.util.List;
import org.lakehouse.jobs.core.JobErrors;

/** The errors of {@code query} and {@code reconcile}, worded in one place: what, why, how to fix. */
final class CliErrors {
    private CliErrors() {
    }

    static CliUsageException notReadOnly(String what) {
        return new CliUsageException("Refused: " + what + ". `lakehouse query` is read-only, so that nothing it runs "
                + "can change the lake. Use SELECT, WITH ... SELECT, SHOW, DESCRIBE or EXPLAIN; the jobs "
                + "(`lakehouse job`) are the only writers.");
    }

    static CliUsageException badLimit(int limit) {
        return new CliUsageException("--limit " + limit + " is not allowed: it must be at least 1. Pass --limit N with "
                + "the largest number of rows to print.");
    }

    static CliUsageException noDataDir(Path dataDir) {
        return new CliUsageException("The data directory " + dataDir + " does not exist, so there are no tables to "
                + "query. Pass the lake's directory with --data-dir, or run the pipeline first (`lakehouse demo`).");
    }

    static CliException lakeUnreadable(Path dataDir, Exception cause) {
        return new CliException("Cannot register the lake's tables under " + dataDir + ": " + summary(
                cause.getMessage()) + ". Check that the folders there are the Delta tables the jobs wrote (rebuild a "
                + "damaged one with `lakehouse job <job> --reset`), or pass the right --data-dir.", cause);
    }

    static CliUsageException queryInvalid(Throwable cause, Path dataDir, List<String> tables) {
        return new CliUsageException("The query cannot run: " + summary(cause.getMessage()) + ". "
                + tablesHint(dataDir, tables), cause);
    }

    static CliException queryFailed(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return new CliException("The query failed while running: " + summary(message)
                + ". Fix the query (the message names the failing expression) and run it again.", cause);
    }

    /** The first non-blank line of a library's message, without its closing period (Spark's often start blank). */
    static String summary(String message) {
        if (message == null) {
            return "no details given";
        }
        String line = JobErrors.firstLine(message.strip()).strip();
        while (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line;
    }

    private static String tablesHint(Path dataDir, List<String> tables) {
        if (tables.isEmpty()) {
            return "There are no tables under " + dataDir + " yet: run the pipeline first (`lakehouse demo`, or "
                    + "`lakehouse job bronze`, `silver`, `gold`), or pass --data-dir.";
        }
        return "Tables under " + dataDir + ": " + String.join(", ", tables) + ".";
    }

    static CliUsageException manifestUnreadable(Path manifest, Exception cause) {
        return new CliUsageException("Cannot read the manifest " + manifest + ": " + summary(cause.getMessage())
                + ". Pass the file `lakehouse produce --manifest FILE` wrote, "
                + "or leave --manifest out to skip the check against it.", cause);
    }

    static CliException kafkaUnreachable(String bootstrap, Exception cause) {
        return new CliException("Cannot read the topic offsets from Kafka at " + bootstrap + ": "
                + summary(cause.getMessage()) + ". Start the broker (`lakehouse kafka`), "
                + "pass the right --bootstrap HOST:PORT, or --skip-kafka to skip the Kafka check.", cause);
    }
}
