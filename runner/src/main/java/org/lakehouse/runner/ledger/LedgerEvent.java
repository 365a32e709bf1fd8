package org.lakehouse.runner.ledger;

/** What a ledger line records. */
public enum LedgerEvent {
    /** A run began an attempt; {@code trigger_ids} are the triggers it serves. */
    STARTED,
    /** An attempt failed with a retriable error; another follows after a backoff. */
    RETRYING,
    /** The run committed. */
    SUCCEEDED,
    /** The run failed for good; its triggers went to {@code failed/}. */
    FAILED,
    /** A trigger's id had already succeeded; nothing ran. */
    DUPLICATE,
    /** A trigger could not be run as written (name, size, encoding, JSON, job or params). */
    REJECTED,
    /** A cluster application of a run changed state ({@code app_state}: SUBMITTED ... FINISHED, FAILED, KILLED, LOST). */
    APP_STATE,
    /** A run left RUNNING by a dead owner, closed on recovery. */
    ABANDONED
}
