package org.lakehouse.runner.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A process that appends {@code n} entries to a ledger: one side of the concurrent-appenders test. */
public final class LedgerAppender {
    private LedgerAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String who = args[1];
        int n = Integer.parseInt(args[2]);
        try (RunLedger ledger = RunLedger.open(dir)) {
            for (int i = 0; i < n; i++) {
                ledger.append(new LedgerEntry(Instant.now(), LedgerEvent.SUCCEEDED, "noop", who + "-run-" + i,
                        List.of(who + "-" + i), 1, who, null, Map.of("payload", "x".repeat(i % 700)), 1L, null, null,
                        null));
            }
        }
    }
}
