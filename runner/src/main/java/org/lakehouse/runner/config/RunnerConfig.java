package org.lakehouse.runner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lakehouse.runner.root.TriggerRoot;

/**
 * The runner's settings, typed and validated. Built from string values (config file, environment, command line,
 * already merged by precedence) with {@link #from(Path, Map)}; every key is declared in {@link RunnerSetting}.
 *
 * @param paramLimits what a trigger's params may name (files, brokers)
 * @param chain the job a success of the key job triggers next (empty: no chaining)
 * @param consoleTriggers whether the web console may write triggers (otherwise it is read-only)
 * @param continuous the jobs kept running continuously, and how
 */
public record RunnerConfig(Path triggerRoot, Path dataDir, Duration rescanInterval, Duration settle,
        int maxTriggerBytes, ParamLimits paramLimits, int maxAttempts, Duration backoffInitial, Duration backoffMax,
        int maxConcurrentJobs,
        Duration lease, Duration resultRetention, Map<String, String> chain, Map<String, String> fallbacks, Duration fallbackWindow, Duration stopTimeout,
        int httpPort, String httpHost, boolean consoleTriggers, Cluster cluster, boolean warmUp,
        Continuous continuous) {

    /**
     * Continuous mode ({@code continuous}, {@code continuous-poll-ms}, {@code continuous.<job>.<param>}).
     *
     * @param jobs the jobs kept running continuously, in the order given (empty: off)
     * @param poll how often the job's input is looked at while nothing is new
     * @param params per job, the params of its continuous triggers (checked against the job at start-up)
     */
    public record Continuous(List<String> jobs, Duration poll, Map<String, Map<String, String>> params) {
        /**
         * The jobs that can tell whether new input exists, so continuous mode can keep them running: bronze, whose
         * input is Kafka (its end offsets against the offsets bronze's checkpoint committed).
         */
        public static final List<String> CAPABLE = List.of("bronze");

        public Continuous {
            jobs = List.copyOf(jobs);
            Map<String, Map<String, String>> copy = new java.util.TreeMap<>();
            params.forEach((job, p) -> copy.put(job, Map.copyOf(p)));
            params = java.util.Collections.unmodifiableMap(copy);
            for (String job : jobs) {
                if (!CAPABLE.contains(job)) {
                    throw new RunnerConfigException("Runner setting continuous=" + String.join(",", jobs)
                            + " names '" + job + "', which cannot run continuously: continuous mode needs a job "
                            + "that can tell whether new input exists. Allowed: " + String.join(", ", CAPABLE)
                            + ". Trigger " + job + " by chaining instead (e.g. chain=bronze>silver,silver>gold).");
                }
            }
            if (new java.util.HashSet<>(jobs).size() != jobs.size()) {
                throw new RunnerConfigException("Runner setting continuous=" + String.join(",", jobs)
                        + " names a job twice; name each once, e.g. continuous=bronze.");
            }
            for (String job : params.keySet()) {
                if (!jobs.contains(job)) {
                    throw new RunnerConfigException("Runner setting " + CONTINUOUS_PREFIX + job + ".* sets params "
                            + "of continuous triggers for " + job + ", which is not continuous: add it to "
                            + "continuous (e.g. continuous=" + job + ") or remove the setting.");
                }
            }
            if (poll.toMillis() < MIN_POLL_MS) {
                throw new RunnerConfigException(bad(RunnerSetting.CONTINUOUS_POLL_MS, String.valueOf(poll.toMillis()),
                        "at least " + MIN_POLL_MS + " (a poll asks Kafka over the network; a smaller interval "
                                + "would be a busy loop)"));
            }
        }

        /** Whether {@code job} is kept running continuously. */
        public boolean on(String job) {
            return jobs.contains(job);
        }

        /** The params of {@code job}'s continuous triggers (empty: the job's defaults). */
        public Map<String, String> params(String job) {
            return params.getOrDefault(job, Map.of());
        }
    }

    /** The smallest {@code continuous-poll-ms}. */
    public static final long MIN_POLL_MS = 10;

    /**
     * The cluster launcher's settings, raw: checked when {@code launcher=cluster}.
     *
     * @param sparkConf {@code spark-conf.<key>} settings, passed as {@code --conf key=value}
     */
    public record Cluster(String launcher, String master, String sparkHome, Path jobsJar, String deployMode,
            String dataDir, Map<String, String> sparkConf) {
        public Cluster {
            sparkConf = Map.copyOf(sparkConf);
            if (!launcher.equals("in-process") && !launcher.equals("cluster")) {
                throw new RunnerConfigException(bad(RunnerSetting.LAUNCHER, launcher, "in-process or cluster"));
            }
            if (!deployMode.equals("client") && !deployMode.equals("cluster")) {
                throw new RunnerConfigException(bad(RunnerSetting.DEPLOY_MODE, deployMode, "client or cluster"));
            }
            if (launcher.equals("cluster") && master.isBlank()) {
                throw new RunnerConfigException("Runner setting launcher=cluster needs spark-master, e.g. "
                        + "--set spark-master=spark://host:7077 (or yarn, or k8s://https://host:443).");
            }
        }

        public boolean enabled() {
            return launcher.equals("cluster");
        }
    }

    /**
     * What a trigger's params may name, checked before a job is launched.
     *
     * @param maxFileBytes the largest file a path param may name
     * @param brokers the Kafka brokers a broker param may name
     */
    public record ParamLimits(long maxFileBytes, BrokerAllowList brokers) {
        public ParamLimits {
            positive(RunnerSetting.MAX_PARAM_FILE_BYTES, maxFileBytes);
            Objects.requireNonNull(brokers, "brokers");
        }
    }

    public RunnerConfig {
        Objects.requireNonNull(triggerRoot, "triggerRoot");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(paramLimits, "paramLimits");
        positive(RunnerSetting.RESCAN_INTERVAL_MS, rescanInterval.toMillis());
        atLeast(RunnerSetting.SETTLE_MS, settle.toMillis(), 0);
        positive(RunnerSetting.MAX_TRIGGER_BYTES, maxTriggerBytes);
        positive(RunnerSetting.MAX_ATTEMPTS, maxAttempts);
        atLeast(RunnerSetting.BACKOFF_INITIAL_MS, backoffInitial.toMillis(), 0);
        atLeast(RunnerSetting.BACKOFF_MAX_MS, backoffMax.toMillis(), backoffInitial.toMillis());
        positive(RunnerSetting.MAX_CONCURRENT_JOBS, maxConcurrentJobs);
        positive(RunnerSetting.LEASE_MS, lease.toMillis());
        positive(RunnerSetting.RESULT_RETENTION_HOURS, resultRetention.toHours());
        atLeast(RunnerSetting.STOP_TIMEOUT_MS, stopTimeout.toMillis(), 0);
        atLeast(RunnerSetting.HTTP_PORT, httpPort, -1);
        if (!httpHost.equals("127.0.0.1") && !httpHost.equals("0.0.0.0")) {
            throw new RunnerConfigException(bad(RunnerSetting.HTTP_HOST, httpHost, "127.0.0.1 or 0.0.0.0 (only "
                    + "inside a container whose published port is bound to the host's loopback)"));
        }
        if (httpPort > 65535) {
            throw new RunnerConfigException(bad(RunnerSetting.HTTP_PORT, String.valueOf(httpPort), "at most 65535"));
        }
        chain = Map.copyOf(chain);
        fallbacks = Map.copyOf(fallbacks);
        positive(RunnerSetting.FALLBACK_WINDOW_MS, fallbackWindow.toMillis());
        Objects.requireNonNull(continuous, "continuous");
    }

    /** The built-in defaults, with both roots under {@code home}. */
    public static RunnerConfig defaults(Path home) {
        return from(home, Map.of());
    }

    /**
     * Builds the config from {@code values} (keys of {@link RunnerSetting}; missing keys take their default).
     * Relative paths resolve against {@code home}.
     *
     * @throws RunnerConfigException naming the key, the value and what is allowed
     */
    public static RunnerConfig from(Path home, Map<String, String> values) {
        Map<String, RunnerSetting> known = RunnerSetting.byKey();
        Map<String, String> fallbacks = new java.util.TreeMap<>();
        Map<String, String> sparkConf = new java.util.TreeMap<>();
        Map<String, Map<String, String>> continuousParams = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(CONTINUOUS_PREFIX)) {
                String[] jobAndParam = continuousParam(key);
                continuousParams.computeIfAbsent(jobAndParam[0], j -> new java.util.TreeMap<>())
                        .put(jobAndParam[1], e.getValue().strip());
                continue;
            }
            if (key.startsWith(FALLBACK_PREFIX)) {
                fallbacks.put(fallbackJob(key), cron(key, e.getValue()));
                continue;
            }
            if (key.startsWith(SPARK_CONF_PREFIX)) {
                sparkConf.put(key.substring(SPARK_CONF_PREFIX.length()), e.getValue().strip());
                continue;
            }
            if (!known.containsKey(key)) {
                throw new RunnerConfigException("Unknown runner setting '" + key + "'. Known settings: "
                        + String.join(", ", new java.util.TreeSet<>(known.keySet())) + ", and "
                        + FALLBACK_PREFIX + "<job>, " + SPARK_CONF_PREFIX + "<key>, " + CONTINUOUS_PREFIX
                        + "<job>.<param>.");
            }
        }
        Map<String, String> v = new HashMap<>(RunnerSetting.defaults());
        values.forEach((k, val) -> {
            if (!k.startsWith(FALLBACK_PREFIX) && !k.startsWith(SPARK_CONF_PREFIX)
                    && !k.startsWith(CONTINUOUS_PREFIX)) {
                v.put(k, val);
            }
        });
        try {
            Path dataDir = home.resolve(v.get(RunnerSetting.DATA_DIR.key())).toAbsolutePath().normalize();
            String clusterData = v.get(RunnerSetting.CLUSTER_DATA_DIR.key()).strip();
            Cluster cluster = new Cluster(v.get(RunnerSetting.LAUNCHER.key()).strip(),
                    v.get(RunnerSetting.SPARK_MASTER.key()).strip(), v.get(RunnerSetting.SPARK_HOME.key()).strip(),
                    home.resolve(v.get(RunnerSetting.JOBS_JAR.key()).strip()).toAbsolutePath().normalize(),
                    v.get(RunnerSetting.DEPLOY_MODE.key()).strip(),
                    clusterData.isEmpty() ? dataDir.toString() : clusterData, sparkConf);
            return new RunnerConfig(
                    home.resolve(v.get(RunnerSetting.TRIGGER_ROOT.key())).toAbsolutePath().normalize(),
                    dataDir,
                    millis(v, RunnerSetting.RESCAN_INTERVAL_MS), millis(v, RunnerSetting.SETTLE_MS),
                    integer(v, RunnerSetting.MAX_TRIGGER_BYTES),
                    new ParamLimits(number(v, RunnerSetting.MAX_PARAM_FILE_BYTES), brokers(v)),
                    integer(v, RunnerSetting.MAX_ATTEMPTS),
                    millis(v, RunnerSetting.BACKOFF_INITIAL_MS), millis(v, RunnerSetting.BACKOFF_MAX_MS),
                    integer(v, RunnerSetting.MAX_CONCURRENT_JOBS), millis(v, RunnerSetting.LEASE_MS),
                    Duration.ofHours(number(v, RunnerSetting.RESULT_RETENTION_HOURS)),
                    chain(v.get(RunnerSetting.CHAIN.key())), fallbacks, millis(v, RunnerSetting.FALLBACK_WINDOW_MS),
                    millis(v, RunnerSetting.STOP_TIMEOUT_MS),
                    integer(v, RunnerSetting.HTTP_PORT), v.get(RunnerSetting.HTTP_HOST.key()).strip(),
                    bool(v, RunnerSetting.CONSOLE_TRIGGERS), cluster,
                    bool(v, RunnerSetting.WARM_UP),
                    new Continuous(jobList(v.get(RunnerSetting.CONTINUOUS.key())),
                            millis(v, RunnerSetting.CONTINUOUS_POLL_MS), continuousParams));
        } catch (IllegalArgumentException e) {
            throw new RunnerConfigException(e.getMessage());
        }
    }

    /** Keys {@code fallback.<job>} hold a Quartz cron expression: that job's fallback schedule. */
    public static final String FALLBACK_PREFIX = "fallback.";
    /** Keys {@code spark-conf.<key>} go to the cluster launcher's {@code --conf}. */
    public static final String SPARK_CONF_PREFIX = "spark-conf.";

    /** Keys {@code continuous.<job>.<param>} hold a param of that job's continuous triggers. */
    public static final String CONTINUOUS_PREFIX = "continuous.";

    /** {@code continuous.<job>.<param>} → job and param. */
    private static String[] continuousParam(String key) {
        String rest = key.substring(CONTINUOUS_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0 || !rest.substring(0, dot).matches("[a-z][a-z0-9_-]{0,63}")
                || !rest.substring(dot + 1).matches("[a-z][a-z0-9_]{0,63}")) {
            throw new RunnerConfigException("Runner setting " + key + " does not name a job and a param: write "
                    + CONTINUOUS_PREFIX + "<job>.<param>, e.g. continuous.bronze.bootstrap=127.0.0.1:9092.");
        }
        return new String[] {rest.substring(0, dot), rest.substring(dot + 1)};
    }

    /** A comma-separated list of job names, blanks dropped. */
    private static List<String> jobList(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String fallbackJob(String key) {
        String job = key.substring(FALLBACK_PREFIX.length());
        if (!job.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw new RunnerConfigException("Runner setting " + key + " does not name a job: write fallback.<job>, "
                    + "e.g. fallback.bronze=0 0/5 * * * ?");
        }
        return job;
    }

    private static String cron(String key, String expression) {
        String cron = expression.strip();
        try {
            org.quartz.CronExpression.validateExpression(cron);
        } catch (java.text.ParseException e) {
            throw new RunnerConfigException("Runner setting " + key + "=" + cron + " is not a Quartz cron "
                    + "expression (" + e.getMessage() + "). Write seconds first, e.g. 0 0/5 * * * ? for every 5 "
                    + "minutes.");
        }
        return cron;
    }

    /** The trigger root: its layout, codec and listings are owned by {@link TriggerRoot}. */
    public TriggerRoot root() {
        return new TriggerRoot(triggerRoot);
    }

    public Path incoming() {
        return root().incoming();
    }

    public Path claimed() {
        return root().claimed();
    }

    public Path failed() {
        return root().failed();
    }

    public Path results() {
        return root().results();
    }

    public Path ledger() {
        return root().ledger();
    }

    private static Map<String, String> chain(String spec) {
        Map<String, String> chain = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return chain;
        }
        for (String link : spec.split(",")) {
            String[] parts = link.strip().split(">");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("Runner setting chain='" + spec + "' is not valid: each link is "
                        + "FROM>TO, separated by commas, e.g. chain=bronze>silver,silver>gold.");
            }
            if (chain.put(parts[0].strip(), parts[1].strip()) != null) {
                throw new IllegalArgumentException("Runner setting chain='" + spec + "' names '" + parts[0].strip()
                        + "' twice: a job chains to one next job.");
            }
        }
        return chain;
    }

    private static BrokerAllowList brokers(Map<String, String> v) {
        String raw = v.get(RunnerSetting.TRIGGER_BROKERS.key()).strip();
        try {
            return BrokerAllowList.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(bad(RunnerSetting.TRIGGER_BROKERS, raw, "host:port patterns, "
                    + "comma-separated, with * as a whole host or port, e.g. 127.0.0.1:*,kafka:9092 ("
                    + e.getMessage() + ")"));
        }
    }

    private static Duration millis(Map<String, String> v, RunnerSetting s) {
        return Duration.ofMillis(number(v, s));
    }

    private static int integer(Map<String, String> v, RunnerSetting s) {
        long n = number(v, s);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(bad(s, v.get(s.key()), "at most " + Integer.MAX_VALUE));
        }
        return (int) n;
    }

    private static long number(Map<String, String> v, RunnerSetting s) {
        String raw = v.get(s.key()).strip();
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad(s, raw, "a whole number"));
        }
    }

    private static boolean bool(Map<String, String> v, RunnerSetting s) {
        String raw = v.get(s.key()).strip();
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new IllegalArgumentException(bad(s, raw, "true or false"));
        }
        return Boolean.parseBoolean(raw);
    }

    private static void positive(RunnerSetting s, long n) {
        atLeast(s, n, 1);
    }

    private static void atLeast(RunnerSetting s, long n, long min) {
        if (n < min) {
            throw new RunnerConfigException(bad(s, String.valueOf(n), "at least " + min));
        }
    }

    private static String bad(RunnerSetting s, String value, String allowed) {
        return "Runner setting " + s.key() + "=" + value + " is not valid: it must be " + allowed
                + " (default " + s.defaultValue() + "). Fix it in config/runner.properties, the environment ("
                + envName(s) + ") or the command line.";
    }

    /** The environment variable that sets {@code s}. */
    public static String envName(RunnerSetting s) {
        return "LAKEHOUSE_RUNNER_" + s.key().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
