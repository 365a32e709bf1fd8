package org.lakehouse.cli;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the daemon before the JVM's shutdown begins. Left to the JVM, a signal runs every
 * shutdown hook at once, and Spark's own hook would stop the session under a running job; handled here, the
 * daemon first lets its jobs finish (up to {@code stop-timeout-ms}) and cancels the rest, and only then does the
 * process exit and Spark's hook run. A second signal while stopping exits at once.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void install(Runnable stop) {
        boolean[] stopping = {false};
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), s -> {
                    synchronized (stopping) {
                        if (stopping[0]) {
                            LOG.warn("Second SIG{}: exiting now", name);
                            Runtime.getRuntime().halt(130);
                        }
                        stopping[0] = true;
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
