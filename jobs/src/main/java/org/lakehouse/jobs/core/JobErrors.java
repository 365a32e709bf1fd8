package org.lakehouse.jobs.core;

import java.nio.file.Path;
import java.util.Collection;

/** Every user-facing job error, worded in one place: what, why, how to fix. */
public final class JobErrors {
    private JobErrors() {
    }

    public static JobException unknownJob(String name, Collection<String> known) {
        return new JobException("There is no job named '" + name + "'. Jobs: " + String.join(", ", known) + ".",
                true, null);
    }

    static JobException unknownParam(String job, String name, Collection<String> known) {
        return new JobException("Job " + job + " has no parameter '" + name + "'. Its parameters: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + " (see jobs/README.md).", true, null);
    }

    static JobException badParam(String job, String name, String value, String reason) {
        return new JobException("Job " + job + ": parameter " + name + "='" + value + "' " + reason + ".", true,
                null);
    }

    static JobException missingParam(String job, ParamSpec<?> spec) {
        return new JobException("Job " + job + " needs parameter " + spec.name() + " (" + spec.doc()
                + "): pass --param " + spec.name() + "=<value>.", true, null);
    }

    public static JobException definitionChanged(String job, Path checkpoint, String was, String now) {
        return new JobException("Job " + job + " refuses to start: its query definition changed since the checkpoint "
                + checkpoint + " was written (was " + was + ", now " + now + "). Reusing the checkpoint would mix "
                + "two definitions in one table. Run it with the old definition, or rebuild the job's tables and "
                + "checkpoint together with --reset.", true, null);
    }

    public static JobException checkpointMissing(String job, Path checkpoint, String table) {
        return new JobException("Job " + job + " refuses to start: table " + table + " has rows but its checkpoint "
                + checkpoint + " is missing, so the job cannot know what it already wrote and would write it again. "
                + "Restore the checkpoint, or rebuild the table and checkpoint together with --reset.", true, null);
    }

    /**
     * An existing table's column has another type than this version writes. The fix names the job of the table's
     * database: each database is written by the job of the same name.
     */
    public static JobException incompatibleColumn(LakeTable table, String location, String column, String was,
            String declared) {
        return new JobException("Table " + table.qualifiedName() + " at " + location + " has column " + column
                + " of type " + was + ", but this version of the lakehouse writes it as " + declared + ". The jobs "
                + "add missing columns to an existing table, but never change a column's type: that would rewrite "
                + "every file and could lose values. Rebuild the table from its source with `lakehouse job "
                + table.database() + " --reset` (it also rebuilds the later jobs' tables"
                + (table.database().equals("bronze") ? "; Bronze is rebuilt from Kafka, so only while Kafka still "
                        + "holds every record" : "") + "), or run the version of the lakehouse that wrote it.", true,
                null);
    }

    public static JobException upstreamMissing(String job, String table, String upstreamJob) {
        return new JobException("Job " + job + " cannot start: its input table " + table + " does not exist yet. "
                + "Run `lakehouse job " + upstreamJob + "` first.", false, null);
    }

    public static JobException dataLoss(String job, String detail, Throwable cause) {
        return new JobException("Job " + job + " stopped: Kafka no longer holds records it had not read yet ("
                + detail + "). They were deleted by retention or deleteRecords before the job consumed them. "
                + "To skip them and go on, run with --param fail_on_data_loss=false (the skipped offsets are "
                + "recorded in the run's metrics); to start over, use --reset.", false, false, cause);
    }

    public static JobException queryFailed(String job, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new JobException("Job " + job + " failed: " + firstLine(root.getMessage() == null
                ? root.toString() : root.getMessage()) + ". The checkpoint is unchanged for the failed batch; "
                + "rerunning the job resumes from it.", false, cause);
    }

    public static JobException ruleFailed(String job, String rule, String provenance) {
        return new JobException("Job " + job + " stopped: rule '" + rule + "' has action fail and the record at "
                + provenance + " broke it. Nothing of this batch was written. Fix the data or change the rule's "
                + "action in the rules file.", false, false, null);
    }

    public static JobException badRules(String source, String detail, Throwable cause) {
        return new JobException("The Silver rules file " + source + " is not valid: " + detail
                + ". See jobs/README.md, \"Rules\".", true, cause);
    }

    public static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
