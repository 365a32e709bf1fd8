package org.lakehouse.runner.result;

/** The outcome a result file reports for one trigger. */
public enum ResultStatus {
    /** The job ran and committed. */
    SUCCEEDED,
    /** The job failed (after its retries), or the trigger was rejected; the trigger is in {@code failed/}. */
    FAILED,
    /** The trigger's id already succeeded; {@code original_run_id} names that run, and nothing ran again. */
    DUPLICATE
}
