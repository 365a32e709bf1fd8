package org.lakehouse.runner.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One job in a fresh JVM, as spark-submit would run it: the project's JVM flags ({@code config/jvm.options}), this
 * JVM's classpath, main class {@code JobMain}. Arguments go in as a list, never through a shell.
 */
public final class ColdJob {
    private final Path jvmOptions;
    private final String classpath;

    public ColdJob(Path jvmOptions, String classpath) {
        this.jvmOptions = jvmOptions;
        this.classpath = classpath;
    }

    /** Runs {@code job} on {@code dataDir} and returns the wall time from process start to exit. */
    public long runMillis(String job, Path dataDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + jvmOptions,
                "-cp", classpath, "org.lakehouse.jobs.JobMain", job, "--data-dir", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("Benchmark invalid: the cold " + job + " JVM ran over 10 minutes");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Benchmark invalid: the cold " + job + " JVM exited " + p.exitValue()
                    + "; run `java -cp ... org.lakehouse.jobs.JobMain " + job + "` by hand to see why");
        }
        return ms;
    }
}
