package org.lakehouse.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.lakehouse.producer.publish.ProgressListener;
import org.lakehouse.producer.publish.PublishProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows producer progress: on a terminal, one line on stderr rewritten in place; otherwise a log line per update.
 * Called only from the sending thread.
 */
final class ConsoleProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);

    private final PrintStream terminal;
    private boolean lineOpen;

    private ConsoleProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Progress for this process: in place on a terminal, logged otherwise. */
    static ConsoleProgress forThisProcess() {
        return new ConsoleProgress(System.console() != null ? System.err : null);
    }

    @Override
    public void onProgress(PublishProgress p) {
        String line = String.format(Locale.ROOT, "sent %,d%s · acked %,d · %,.0f events/s · %d errors", p.sent(),
                p.total() > 0 ? String.format(Locale.ROOT, "/%,d (%.0f%%)", p.total(), 100.0 * p.sent() / p.total()) : "",
                p.acked(), p.eventsPerSecond(), p.failed());
        if (terminal != null) {
            terminal.print("\r" + line + "   ");
            terminal.flush();
            lineOpen = true;
        } else {
            LOG.info("Progress: {}", line);
        }
    }

    /** Ends the in-place line so the next output starts on a fresh one. */
    void finish() {
        if (terminal != null && lineOpen) {
            terminal.println();
            lineOpen = false;
        }
    }
}
