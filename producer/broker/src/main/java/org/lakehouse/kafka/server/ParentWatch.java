package org.lakehouse.kafka.server;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shuts the broker down when the process that launched it is gone. The launcher's own shutdown hook stops the broker
 * on a normal exit; this covers the launcher being killed with SIGKILL, which runs no hooks.
 *
 * <p>One daemon thread polls once a second; {@link ProcessHandle#isAlive()} compares start times, so a recycled pid
 * does not count as the parent.
 */
final class ParentWatch {
    static final String PARENT_PID_PROPERTY = "lakehouse.broker.parent-pid";

    private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);

    private ParentWatch() {
    }

    static void startFromSystemProperty() {
        String pid = System.getProperty(PARENT_PID_PROPERTY);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.strip()));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            LOG.warn("Launcher process {} is already gone; shutting the broker down", pid);
            Exit.exit(0);
            return;
        }
        ProcessHandle launcher = parent.get();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lakehouse-parent-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            if (!launcher.isAlive()) {
                LOG.warn("Launcher process {} is gone; shutting the broker down so it is not left orphaned", pid);
                executor.shutdown();
                Exit.exit(0);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }
}
