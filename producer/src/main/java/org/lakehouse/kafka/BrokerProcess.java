package org.lakehouse.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running broker JVM: its output, its readiness and how it ends.
 *
 * <p>Two daemon threads drain the child's stdout and stderr so it can never block on a full pipe; they log each line
 * at DEBUG and keep the last lines for error messages. The stdout thread completes {@link #awaitReady} when the
 * child prints its ready line, or fails it when stdout closes first (the child has ended).
 */
final class BrokerProcess {
    /** Printed by {@code org.lakehouse.kafka.server.BrokerMain} (its READY_PREFIX) once clients can connect. */
    static final String READY_PREFIX = "LAKEHOUSE-KAFKA-READY ";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final int TAIL_LINES = 40;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    private static final int SIGTERM_EXIT_CODE = 143;

    private final Process process;
    private final Path brokerLog;
    private final LineTail output = new LineTail(TAIL_LINES);
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private Thread stdoutDrain;
    private Thread stderrDrain;

    private BrokerProcess(Process process, Path brokerLog) {
        this.process = process;
        this.brokerLog = brokerLog;
    }

    static BrokerProcess launch(List<String> command, Path workingDir, Path brokerLog) throws IOException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).start();
        process.getOutputStream().close();
        BrokerProcess broker = new BrokerProcess(process, brokerLog);
        broker.stdoutDrain = broker.drain(process.getInputStream(), "stdout", true);
        broker.stderrDrain = broker.drain(process.getErrorStream(), "stderr", false);
        return broker;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the ready line and returns the bootstrap address it names; kills the child if it never comes. */
    String awaitReady(Duration timeout, Path dataDir) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw BrokerErrors.notReadyInTime(timeout, dataDir, diagnostics());
        } catch (ExecutionException e) {
            int exitCode = awaitExitCode();
            joinDrains();
            throw BrokerErrors.exitedBeforeReady(exitCode, dataDir, diagnostics());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw BrokerErrors.interruptedWhileStarting(dataDir, e);
        }
    }

    /** Sends SIGTERM so Kafka shuts down cleanly; kills the process if it is still alive after {@code grace}. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker (pid {}) did not stop within {} s of SIGTERM; killing it",
                        process.pid(), grace.toSeconds());
                kill();
                return;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return;
        }
        joinDrains();
        int exitCode = process.exitValue();
        // 143 = 128 + SIGTERM: the JVM reports the signal that ended it even after a clean shutdown.
        if (exitCode == 0 || exitCode == SIGTERM_EXIT_CODE) {
            LOG.info("Kafka broker (pid {}) stopped in {} ms", process.pid(), (System.nanoTime() - started) / 1_000_000);
        } else {
            LOG.warn("Kafka broker (pid {}) stopped with exit code {}; see {}", process.pid(), exitCode, brokerLog);
        }
    }

    /** Sends SIGTERM without waiting; for the shutdown hook, which stops all brokers at once. */
    void signalStop() {
        process.destroy();
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        try {
            if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker (pid {}) still alive {} s after SIGKILL", process.pid(), KILL_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        joinDrains();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until the process ends and returns its exit code. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    private int awaitExitCode() {
        try {
            if (process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    private String diagnostics() {
        return "--- broker stdout/stderr (last lines) ---\n" + output.text()
                + "\n--- " + brokerLog + " (last lines) ---\n" + LineTail.ofFile(brokerLog, TAIL_LINES);
    }

    private void joinDrains() {
        try {
            stdoutDrain.join(DRAIN_WAIT.toMillis());
            stderrDrain.join(DRAIN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thread drain(InputStream stream, String name, boolean watchForReady) {
        long pid = process.pid();
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    LOG.debug("[kafka pid {} {}] {}", pid, name, line);
                    if (watchForReady && line.startsWith(READY_PREFIX)) {
                        ready.complete(line.substring(READY_PREFIX.length()).strip());
                    } else {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                LOG.debug("Stopped reading the {} of Kafka broker pid {}: {}", name, pid, e.toString());
            } finally {
                if (watchForReady) {
                    ready.completeExceptionally(new IllegalStateException("broker stdout closed"));
                }
            }
        }, "kafka-broker-" + pid + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
