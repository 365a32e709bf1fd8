package org.lakehouse.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runner processes for a benchmark: {@code lakehouse runner} in JVMs of their own on one trigger root, as an operator
 * would start several, each logging to a file in the work folder. Ready once each has written its heartbeat.
 */
final class RunnerFleet implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path root;

    private RunnerFleet(Path root) {
        this.root = root;
    }

    /**
     * @param command the command that runs the {@code lakehouse} CLI in a new JVM (java, its options, the class)
     * @param settings {@code runner} arguments after {@code --trigger-root}
     */
    static RunnerFleet start(List<String> command, int n, Path root, Path logs, List<String> settings)
            throws IOException, InterruptedException {
        RunnerFleet fleet = new RunnerFleet(root);
        try {
            for (int i = 0; i < n; i++) {
                List<String> cmd = new ArrayList<>(command);
                cmd.addAll(List.of("runner", "--trigger-root", root.toString()));
                cmd.addAll(settings);
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(logs.resolve("runner-" + i + ".log").toFile());
                pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
                fleet.processes.add(pb.start());
            }
            fleet.awaitReady(n, Duration.ofMinutes(2), logs);
            return fleet;
        } catch (IOException | InterruptedException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private void awaitReady(int n, Duration timeout, Path logs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (heartbeats() < n) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("A runner process of the benchmark exited with " + p.exitValue()
                            + " before it was ready; see the logs in " + logs);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The benchmark's " + n + " runner processes were not all up within "
                        + timeout.toSeconds() + " s; see the logs in " + logs);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private long heartbeats() throws IOException {
        Path runners = root.resolve("runners");
        if (!Files.isDirectory(runners)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runners)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
