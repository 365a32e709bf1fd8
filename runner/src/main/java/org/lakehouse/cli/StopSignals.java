package org.lakehouse.cli;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the daemon before the JVM's shutdown begins. Left to the JVM, a signal runs every
 * shutdown hook at once, and Spark's own hook would stop the session under a running job; handled here, the
 * daemon first lets its jobs finish (up to {@code stop-timeout-ms}) and cancels the rest, and only then does the
 * process exit and Spark's hook run. A second signal more than two seconds into the stop exits at once.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void install(Runnable stop) {
        long[] firstAt = {0};
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), s -> {
                    synchronized (firstAt) {
                        long now = System.nanoTime();
                        if (firstAt[0] != 0) {
                            // a signal sent twice at once (to the process and its group) is one request
                            if (now - firstAt[0] > 2_000_000_000L) {
                                LOG.warn("SIG{} again while stopping: exiting now, running jobs cut short", name);
                                Runtime.getRuntime().halt(130);
                            }
                            return;
                        }
                        firstAt[0] = now;
                    }
                    Thread t = new Thread(stop, "runner-stop");
                    t.start();
                });
            } catch (IllegalArgumentException e) {
                // the signal cannot be handled here (e.g. reserved by the JVM): fall back to a shutdown hook
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "runner-stop"));
            }
        }
    }
}
