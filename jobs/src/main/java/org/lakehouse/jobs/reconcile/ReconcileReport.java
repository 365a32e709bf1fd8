package org.lakehouse.jobs.reconcile;

import java.util.List;

/** What reconcile found: the checks it ran and every difference, worded for people. OK when there is none. */
public record ReconcileReport(List<String> checks, List<String> differences) {
    public ReconcileReport {
        checks = List.copyOf(checks);
        differences = List.copyOf(differences);
    }

    public boolean ok() {
        return differences.isEmpty();
    }

    /** The report as printed: one line per check, then OK or each difference. */
    public String render() {
        StringBuilder out = new StringBuilder();
        checks.forEach(c -> out.append("checked: ").append(c).append('\n'));
        if (ok()) {
            out.append("OK\n");
        } else {
            differences.forEach(d -> out.append("DIFF ").append(d).append('\n'));
        }
        return out.toString();
    }
}
