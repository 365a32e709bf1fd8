package org.lakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.config.RunnerSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse demo}: the main job on the embedded default. Starts a fresh embedded broker under
 * {@code data/kafka}, produces orders with every fault kind, writes the manifest, then runs Bronze (rebuilt, as the
 * cluster is new), Silver, Gold and reconcile in this process ({@link DemoPipeline}) and prints the report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the whole pipeline on the embedded default, from a fresh broker to reconcile.",
            "A fresh real Kafka broker on 127.0.0.1 (data/kafka, wiped "
                + "at start), orders with every fault kind, the ground-truth manifest in data/manifests/, then the "
                + "Spark jobs bronze, silver and gold in this process and reconcile against Kafka and the manifest.",
            "The lake's tables and checkpoints under data/ are rebuilt from scratch (bronze --reset), since the "
                + "broker is new. The jobs run through the runner: one bronze trigger file, chained to silver and gold. "
                + "Exit code 1 when reconcile finds a difference."},
        footer = {"", "Then query the tables:", "  " + DemoPipeline.QUERY_HINT})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topic", description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--keep-running", description = "Leave the broker, the runner and its web console up after the "
            + "demo, until Ctrl-C; prints the console's URL (its trigger form on, on 127.0.0.1 only).")
    boolean keepRunning;

    @Mixin
    GeneratorOptions generator;

    @Mixin
    RunnerConfigOptions runnerOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LakehouseHome home = LakehouseHome.detect();
        Path kafkaDir = home.data("kafka");
        Path manifest = home.data("manifests").resolve("demo-manifest.json");
        PrintWriter out = spec.commandLine().getOut();
        cleanKeepingPlaceholder(kafkaDir);
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(kafkaDir))) {
            out.println("Embedded Kafka broker: " + broker.bootstrapServers() + " (KRaft, data " + kafkaDir + ")");
            out.flush();
            ProduceConfig config = new ProduceConfig(broker.bootstrapServers(), topic, partitions,
                    generator.toConfig(Clock.systemUTC()), 0, manifest, Map.of(), null, null);
            ProduceResult result = ProducerRun.runWithSignals(config, r -> ProduceReport.print(r, out));
            if (!result.ok()) {
                return 1;
            }
            Map<String, String> demoSettings = new java.util.HashMap<>(Map.of(RunnerSetting.CHAIN.key(),
                    DemoPipeline.CHAIN, RunnerSetting.HTTP_PORT.key(), "0"));
            if (keepRunning) {
                // The demo's own runner on a throw-away lake: let its console drop triggers (--set overrides this).
                demoSettings.put(RunnerSetting.CONSOLE_TRIGGERS.key(), "true");
            }
            RunnerConfig runnerConfig = runnerOptions.config(demoSettings);
            String bootstrap = broker.bootstrapServers();
            ReconcileReport report = new DemoPipeline(runnerConfig, out).run(bootstrap, topic, result.manifest(),
                    keepRunning ? runner -> keepUp(runner, bootstrap, topic, out) : DemoPipeline.AfterReport.NOTHING);
            return report.ok() ? 0 : 1;
        }
    }

    /** Prints where the console is and blocks until Ctrl-C; the runner then stops before the broker. */
    private static void keepUp(org.lakehouse.runner.assembly.RunnerApp runner, String bootstrap, String topic,
            PrintWriter out) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "demo-runner-stop"));
        out.println();
        if (runner.httpPort() >= 0) {
            out.println("Console: http://127.0.0.1:" + runner.httpPort() + "/console/  (trigger form "
                    + (runner.runner().config().consoleTriggers() ? "on" : "off") + ", 127.0.0.1 only)");
        }
        out.println("The runner (trigger root " + runner.runner().config().triggerRoot() + ") and the broker at " + bootstrap
                + " stay up; Ctrl-C stops both. Produce more with `./lakehouse produce --bootstrap " + bootstrap
                + " --topic " + topic + "`, then trigger bronze from the console or with `./lakehouse trigger bronze "
                + "--param bootstrap=" + bootstrap + " --param topics=" + topic + "`.");
        out.flush();
        KeepRunning.untilShutdown();
    }

    /** Empties {@code dir} but keeps the tracked {@code .gitkeep} placeholder. */
    private static void cleanKeepingPlaceholder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!child.getFileName().toString().equals(".gitkeep")) {
                    PathUtils.delete(child);
                }
            }
        }
    }
}
