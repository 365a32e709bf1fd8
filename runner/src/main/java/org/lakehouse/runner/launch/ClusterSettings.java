package org.lakehouse.runner.launch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link ClusterLauncher} submits jobs.
 *
 * @param master a Spark master URL: {@code spark://host:7077}, {@code yarn}, {@code k8s://https://host:443}
 * @param sparkHome a Spark installation ({@code bin/spark-submit}) on this host
 * @param jobsJar the jobs module's shaded jar ({@code lakehouse-jobs-*-spark.jar})
 * @param deployMode {@code client} (the driver runs beside the runner) or {@code cluster}
 * @param dataDir the lake as the driver and executors see it (a shared filesystem or an object store URI)
 * @param workDir where each run's metrics, error and spark-submit log files go (on this host)
 * @param jvmOptions the project's JVM flags file, passed to executors ({@code spark.executor.extraJavaOptions})
 * @param sparkConf more {@code --conf} settings (executor memory, YARN queue, Kubernetes image, ...)
 */
public record ClusterSettings(String master, Path sparkHome, Path jobsJar, String deployMode, String dataDir,
        Path workDir, Path jvmOptions, Map<String, String> sparkConf) {
    public ClusterSettings {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(sparkHome, "sparkHome");
        Objects.requireNonNull(jobsJar, "jobsJar");
        sparkConf = Map.copyOf(sparkConf);
    }
}
