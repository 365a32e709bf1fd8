package org.lakehouse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.lakehouse.jobs.bench.BenchConfig;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakehouse bench}: the benchmarks; each subcommand prints one {@code RESULT ...} line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark. Each prints one line starting with RESULT; compare figures from one run.",
        subcommands = {BenchProducerCommand.class, BenchBronzeCommand.class, BenchPipelineCommand.class,
            BenchGrowthCommand.class, BenchTriggerLatencyCommand.class, BenchEmptyRunCommand.class,
            BenchLedgerCommand.class, BenchFreshnessCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Name a benchmark: producer, bronze, pipeline, growth, trigger-latency, empty-run, ledger or "
                        + "freshness");
    }

    /** The options the job benchmarks share: how much input, and what they run against. */
    static final class JobBenchOptions {
        @Option(names = "--events", paramLabel = "N", defaultValue = "" + BenchConfig.DEFAULT_EVENTS,
                description = "Records produced before timing, and read by each measured run (default: "
                        + "${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "" + BenchConfig.DEFAULT_WARMUP_EVENTS,
                description = "Records of the small warm-up runs, on a topic and lake of their own; 0 skips them "
                        + "(the warm-up rounds still run) (default: ${DEFAULT-VALUE}).")
        long warmupEvents;

        @Option(names = "--warmup-runs", paramLabel = "R", defaultValue = "" + BenchConfig.DEFAULT_WARMUP_RUNS,
                description = "How many times the warm-up runs, each on a fresh lake: the JIT compiler needs several "
                        + "runs of each job to reach the state of a runner that has been up a while "
                        + "(default: ${DEFAULT-VALUE}).")
        int warmupRuns;

        @Option(names = "--warmup-rounds", paramLabel = "W", defaultValue = "" + BenchConfig.DEFAULT_WARMUP_ROUNDS,
                description = "Full-size rounds on the measured input after the warm-up runs, logged but not "
                        + "reported: the first large run of a session still compiles its per-row code; 0 for none "
                        + "(default: ${DEFAULT-VALUE}).")
        int warmupRounds;

        @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
                description = "Use this broker instead of a throw-away embedded one; fresh topics are created on it.")
        String bootstrap;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "New or empty folder for the benchmark's lakes, kept afterwards (default: a temporary "
                        + "folder, deleted afterwards).")
        Path dataDir;

        /** Checks the options (usage errors), then opens the workspace they describe. */
        Workspace open() throws IOException {
            if (events < 1) {
                throw new CliUsageException("--events " + events + " is not allowed: "
                        + "it must be at least 1. Pass --events 1000000, for example.");
            }
            if (warmupEvents < 0) {
                throw new CliUsageException("--warmup-events " + warmupEvents
                        + " is not allowed: pass 0 to skip the warm-up, or a positive count.");
            }
            if (warmupRuns < 1) {
                throw new CliUsageException("--warmup-runs " + warmupRuns
                        + " is not allowed: it must be at least 1 (--warmup-events 0 skips the warm-up runs).");
            }
            if (warmupRounds < 0) {
                throw new CliUsageException("--warmup-rounds " + warmupRounds
                        + " is not allowed: pass 0 for no full-size warm-up round, or a positive count.");
            }
            return Workspace.open(bootstrap, dataDir);
        }

        /** The benchmark's settings: these options, run against {@code ws}'s broker and folder. */
        BenchConfig config(Workspace ws) {
            return new BenchConfig(ws.bootstrap, ws.dataDir, events, warmupEvents, warmupRuns, warmupRounds);
        }
    }

    /**
     * What a job benchmark runs against: the given broker or a throw-away embedded one, and the given empty data
     * folder or a temporary one. Whatever it created it deletes on {@link #close()}; a given folder is kept.
     */
    static final class Workspace implements AutoCloseable {
        private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

        private final EmbeddedKafka broker;
        private final Path brokerDir;
        private final String bootstrap;
        private final Path dataDir;
        private final boolean ownDataDir;

        private Workspace(EmbeddedKafka broker, Path brokerDir, String bootstrap, Path dataDir, boolean ownDataDir) {
            this.broker = broker;
            this.brokerDir = brokerDir;
            this.bootstrap = bootstrap;
            this.dataDir = dataDir;
            this.ownDataDir = ownDataDir;
        }

        String bootstrap() {
            return bootstrap;
        }

        Path dataDir() {
            return dataDir;
        }

        /** Refuses a non-empty {@code dataDir} (a usage error), then starts a broker unless one is given. */
        static Workspace open(String bootstrap, Path dataDir) throws IOException {
            if (dataDir != null && !isEmptyOrAbsent(dataDir)) {
                throw new CliUsageException("--data-dir " + dataDir + " is not empty: "
                        + "the benchmark measures runs on a fresh lake. Pass a new or empty folder, or leave "
                        + "--data-dir out to use a temporary one.");
            }
            Path data = dataDir != null ? Files.createDirectories(dataDir)
                    : Files.createTempDirectory("lakehouse-bench-data");
            if (bootstrap != null) {
                return new Workspace(null, null, bootstrap, data, dataDir == null);
            }
            Path brokerDir = Files.createTempDirectory("lakehouse-bench-kafka");
            try {
                EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(brokerDir).withMaxHeap("1g"));
                LOG.info("Benchmark broker: throw-away embedded Kafka at {}", broker.bootstrapServers());
                return new Workspace(broker, brokerDir, broker.bootstrapServers(), data, dataDir == null);
            } catch (RuntimeException e) {
                deleteQuietly(brokerDir);
                if (dataDir == null) {
                    deleteQuietly(data);
                }
                throw e;
            }
        }

        /** Stops the throw-away broker and deletes what this workspace created; a given folder is kept. */
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
                deleteQuietly(brokerDir);
            }
            if (ownDataDir) {
                deleteQuietly(dataDir);
            } else {
                LOG.info("Benchmark lakes kept in {}", dataDir);
            }
        }

        private static boolean isEmptyOrAbsent(Path dir) {
            if (!Files.exists(dir)) {
                return true;
            }
            if (!Files.isDirectory(dir)) {
                return false;
            }
            try (Stream<Path> children = Files.list(dir)) {
                return children.findAny().isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list --data-dir " + dir, e);
            }
        }

        private static void deleteQuietly(Path dir) {
            try {
                if (Files.exists(dir)) {
                    PathUtils.deleteDirectory(dir);
                }
            } catch (IOException e) {
                LOG.warn("Could not delete the benchmark folder {}: {}", dir, e.toString());
            }
        }
    }
}
