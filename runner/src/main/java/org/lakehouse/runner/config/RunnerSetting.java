package org.lakehouse.runner.config;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every runner setting, declared once: key, built-in default and documentation. {@link RunnerConfig} reads them;
 * the README's settings table is checked against this list by a test.
 */
public enum RunnerSetting {
    TRIGGER_ROOT("trigger-root", "data/triggers",
            "Trigger root (incoming/, claimed/, failed/, results/, ledger/, runners/); relative paths resolve against the checkout."),
    DATA_DIR("data-dir", "data", "The lake the jobs read and write; relative paths resolve against the checkout."),
    RESCAN_INTERVAL_MS("rescan-interval-ms", "2000",
            "Full rescan of incoming/ every this many ms, besides watch events (a missed event costs at most this)."),
    SETTLE_MS("settle-ms", "500",
            "An empty or unparseable trigger is claimed only once unchanged for this long; then it runs or is rejected."),
    MAX_TRIGGER_BYTES("max-trigger-bytes", "65536", "Largest trigger file accepted; a larger one is rejected."),
    MAX_PARAM_FILE_BYTES("max-param-file-bytes", "1048576", "Largest file a trigger's path param (silver's rules) "
            + "may name; the trigger is rejected before the job starts."),
    TRIGGER_BROKERS("trigger-brokers", "127.0.0.1:*,localhost:*", "Kafka brokers a trigger's broker param (bronze's "
            + "bootstrap) may name: host:port patterns, comma-separated, * as a whole host or port; empty = none."),
    MAX_ATTEMPTS("max-attempts", "3", "Attempts per run for retriable failures (1 = no retry)."),
    BACKOFF_INITIAL_MS("backoff-initial-ms", "1000", "Delay before the first retry; doubles per attempt, with jitter."),
    BACKOFF_MAX_MS("backoff-max-ms", "60000", "Upper bound of a retry delay."),
    MAX_CONCURRENT_JOBS("max-concurrent-jobs", "2", "Jobs running at once (one run per job at any time)."),
    LEASE_MS("lease-ms", "60000", "A runner's lease on all its claims (its heartbeat, renewed every third of this); "
            + "another runner takes over the claims of one whose lease ran out."),
    RESULT_RETENTION_HOURS("result-retention-hours", "168", "results/ files older than this are pruned."),
    CHAIN("chain", "", "Chaining on success, e.g. bronze>silver,silver>gold: a success writes an ordinary trigger "
            + "for the next job. Empty = off."),
    FALLBACK_WINDOW_MS("fallback-window-ms", "600000", "A fallback (fallback.<job>=<cron>) requests its job only "
            + "when the job had no successful run within this window and none is requested already."),
    STOP_TIMEOUT_MS("stop-timeout-ms", "60000", "On SIGTERM, how long running jobs may finish before they are "
            + "stopped (their triggers stay claimed; another runner, or the next start, runs them)."),
    HTTP_PORT("http-port", "8765", "/health, /metrics, /runs and the web console (/console/) on 127.0.0.1 at "
            + "this port; 0 = any free port, -1 = no HTTP."),
    HTTP_HOST("http-host", "127.0.0.1", "Address the HTTP endpoint binds: 127.0.0.1; 0.0.0.0 only in a container "
            + "whose published port is bound to the host's 127.0.0.1 (docker/compose.yaml)."),
    CONSOLE_TRIGGERS("console-triggers", "false", "Whether the web console's Trigger page may drop triggers (a POST "
            + "on 127.0.0.1 only); false = the console is read-only."),
    LAUNCHER("launcher", "in-process", "Where the lake's jobs run: in-process (one warm Spark session in the runner) "
            + "or cluster (spark-submit through SparkLauncher to spark-master)."),
    SPARK_MASTER("spark-master", "", "With launcher=cluster: the master URL, e.g. spark://host:7077, yarn, "
            + "k8s://https://host:443."),
    SPARK_HOME("spark-home", "", "With launcher=cluster: a Spark installation on this host (bin/spark-submit); "
            + "default $SPARK_HOME."),
    JOBS_JAR("jobs-jar", "jobs/target/lakehouse-jobs-0.1.0-SNAPSHOT-spark.jar", "With launcher=cluster: the jobs "
            + "module's shaded jar that spark-submit runs."),
    DEPLOY_MODE("deploy-mode", "client", "With launcher=cluster: client (the driver runs beside the runner) or "
            + "cluster."),
    CLUSTER_DATA_DIR("cluster-data-dir", "", "With launcher=cluster: the lake as the cluster sees it (a shared "
            + "folder or an object store URI); default data-dir."),
    WARM_UP("warm-up", "true", "Build the Spark session at start-up instead of at the first Spark job."),
    CONTINUOUS("continuous", "", "Jobs kept running continuously, comma-separated, e.g. bronze: when a run ends (and "
            + "at start-up) and Kafka holds records the job has not read, an ordinary trigger is written at once. "
            + "Only jobs that can tell whether new input exists: bronze. Empty = off."),
    CONTINUOUS_POLL_MS("continuous-poll-ms", "1000", "In continuous mode, while nothing is new (or a trigger is "
            + "outstanding, or after a failed run), how often Kafka's end offsets are asked for.");

    private final String key;
    private final String defaultValue;
    private final String doc;

    RunnerSetting(String key, String defaultValue, String doc) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Every key with its built-in default. */
    public static Map<String, String> defaults() {
        return Stream.of(values()).collect(Collectors.toMap(RunnerSetting::key, RunnerSetting::defaultValue));
    }

    public static Map<String, RunnerSetting> byKey() {
        return Stream.of(values()).collect(Collectors.toMap(RunnerSetting::key, Function.identity()));
    }
}
