package org.lakehouse.jobs.silver;

/** What a failed rule does to its row. */
public enum RuleAction {
    /** The row goes to quarantine with the name of every rule it failed. */
    QUARANTINE,
    /** The row stays in Silver; the failure is counted and listed in its {@code warnings}. */
    WARN,
    /** The run stops before writing the batch. */
    FAIL
}
