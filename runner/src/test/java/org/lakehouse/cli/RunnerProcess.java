package org.lakehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lakehouse runner} in a JVM of its own, as an operator starts it (the project's JVM flags, this test's
 * classpath), so tests can kill it for real: {@link #kill9()} is SIGKILL, {@link #terminate()} SIGTERM.
 */
final class RunnerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private RunnerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param fault a crash point ({@code -Dlakehouse.fault.halt-at}), or null
     * @param args the {@code runner} command's arguments
     */
    static RunnerProcess start(Path log, String fault, String... args) throws IOException {
        return startWith(log, fault == null ? List.of() : List.of("-Dlakehouse.fault.halt-at=" + fault), args);
    }

    /**
     * @param jvmOptions extra JVM options, e.g. {@code -Dlakehouse.fault.halt-at=<point>} or
     *     {@code -Dlakehouse.noop.jobs=noop_next}
     */
    static RunnerProcess startWith(Path log, List<String> jvmOptions, String... args) throws IOException {
        return startWith(log, jvmOptions, java.util.Map.of(), args);
    }

    /**
     * @param environment extra environment variables of the process, e.g. {@code LC_ALL=C} (they override the
     *     test JVM's own)
     */
    static RunnerProcess startWith(Path log, List<String> jvmOptions, java.util.Map<String, String> environment,
            String... args) throws IOException {
        Path root = Path.of(System.getProperty("lakehouse.root"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + root.resolve("config/jvm.options"), "-Xmx1g",
                "-Dlakehouse.root=" + root));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.lakehouse.cli.LakehouseCli", "runner"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(environment);
        return new RunnerProcess(pb.start(), log);
    }

    /** The runner id the process printed at start-up, once it has. */
    java.util.Optional<String> runnerId() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Runner (runner-[0-9a-f]{8}) watching")
                .matcher(log());
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void terminate() {
        process.destroy();
    }

    /** The exit code, waiting up to {@code seconds}; -1 when still running. */
    int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill9();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
