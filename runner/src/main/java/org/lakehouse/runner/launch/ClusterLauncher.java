package org.lakehouse.runner.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;
import org.lakehouse.jobs.Jobs;
import org.lakehouse.jobs.JobMain;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on a Spark cluster through {@link SparkLauncher}: {@code spark-submit} of the jobs jar with main class
 * {@code JobMain}, the job and its params as an argument list (never through a shell). Each application's states
 * go to the run's ledger; {@code FINISHED} with a metrics file is success, {@code FAILED}, {@code KILLED} and
 * {@code LOST} are failures, retriable unless the job said otherwise (its error file). Running applications are
 * stopped, then killed, when the runner stops. Concurrent launches of different jobs are independent.
 */
public final class ClusterLauncher extends LakeJobsLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLauncher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_TAIL_LINES = 15;

    private final ClusterSettings settings;
    private final Set<SparkAppHandle> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public ClusterLauncher(ClusterSettings settings) {
        super(Jobs.runner(new LakePaths(Path.of("."))));
        this.settings = settings;
    }

    @Override
    public JobMetrics launch(LaunchRequest request) throws LaunchFailure {
        Path runDir = settings.workDir().resolve(request.runId() + "-" + request.attempt());
        Path metrics = runDir.resolve("metrics.json");
        Path log = runDir.resolve("spark-submit.log");
        SparkAppHandle handle;
        CountDownLatch done = new CountDownLatch(1);
        try {
            Files.createDirectories(runDir);
            SparkLauncher launcher = new SparkLauncher()
                    .setSparkHome(settings.sparkHome().toString())
                    .setAppResource(settings.jobsJar().toString())
                    .setMainClass(JobMain.class.getName())
                    .setMaster(settings.master())
                    .setDeployMode(settings.deployMode())
                    .setAppName("lakehouse-" + request.job() + "-" + request.runId())
                    .addAppArgs(request.job(), "--data-dir", settings.dataDir(), "--metrics-file", metrics.toString())
                    .redirectError()
                    .redirectOutput(log.toFile());
            request.params().forEach((k, v) -> launcher.addAppArgs("--param", k + "=" + v));
            if (settings.jvmOptions() != null && Files.isRegularFile(settings.jvmOptions())) {
                String flags = String.join(" ", jvmFlags(settings.jvmOptions()));
                launcher.setConf(SparkLauncher.EXECUTOR_EXTRA_JAVA_OPTIONS, flags);
                launcher.setConf(SparkLauncher.DRIVER_EXTRA_JAVA_OPTIONS, flags);
            }
            settings.sparkConf().forEach(launcher::setConf);
            handle = launcher.startApplication(new SparkAppHandle.Listener() {
                @Override
                public void stateChanged(SparkAppHandle h) {
                    request.listener().changed(h.getAppId(), h.getState().name());
                    if (h.getState().isFinal()) {
                        done.countDown();
                    }
                }

                @Override
                public void infoChanged(SparkAppHandle h) {
                }
            });
        } catch (IOException e) {
            throw new LaunchFailure("Cannot submit " + request.job() + " to " + settings.master() + ": " + e.getMessage()
                    + ". Check spark-home (" + settings.sparkHome() + ", it needs bin/spark-submit) and jobs-jar ("
                    + settings.jobsJar() + ").", true, e);
        }
        running.add(handle);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.kill();
            throw new LaunchFailure("Interrupted while " + request.job() + " ran on the cluster; the application was "
                    + "killed.", true, e);
        } finally {
            running.remove(handle);
        }
        return outcome(request, handle.getState(), handle.getAppId(), metrics, log);
    }

    private JobMetrics outcome(LaunchRequest request, SparkAppHandle.State state, String appId, Path metrics,
            Path log) throws LaunchFailure {
        try {
            if (state == SparkAppHandle.State.FINISHED && Files.isRegularFile(metrics) && !cancelled) {
                return JobMetrics.fromJson(Files.readString(metrics, StandardCharsets.UTF_8));
            }
            Path error = JobMain.errorFile(metrics);
            if (Files.isRegularFile(error)) {
                JsonNode e = JSON.readTree(error.toFile());
                throw new LaunchFailure(e.path("message").asText(), e.path("retriable").asBoolean(true), null);
            }
            throw new LaunchFailure("Job " + request.job() + " ended " + state + " on " + settings.master()
                    + (appId != null ? " (application " + appId + ")" : "") + " without its metrics. Last lines of "
                    + log + ": " + tail(log), state != SparkAppHandle.State.KILLED || !cancelled, null);
        } catch (IOException e) {
            throw new LaunchFailure("Cannot read the outcome of " + request.job() + " in " + metrics.getParent()
                    + ": " + e.getMessage(), true, e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The JVM flags of a Java argument file (one per line; comments and blank lines skipped), without its Spark
     * settings ({@code -Dspark.*}): Spark refuses those in {@code extraJavaOptions}, and the cluster's own
     * addresses must not be pinned to this host's loopback.
     */
    static List<String> jvmFlags(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("-Dspark.")).toList();
    }

    /** Asks every running application to stop, then kills what is still running after a grace time. */
    @Override
    public void cancelAll() {
        cancelled = true;
        for (SparkAppHandle h : running) {
            LOG.warn("Stopping cluster application {} (the runner is stopping)", h.getAppId());
            try {
                h.stop();
            } catch (RuntimeException e) {
                LOG.debug("stop() of {}: {}", h.getAppId(), e.toString());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (SparkAppHandle h : running) {
            while (!h.getState().isFinal() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            if (!h.getState().isFinal()) {
                h.kill();
            }
        }
    }

    @Override
    public void close() {
        cancelAll();
    }
}
