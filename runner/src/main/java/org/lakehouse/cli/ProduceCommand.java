package org.lakehouse.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse produce}: send synthetic order events to Kafka and write the ground-truth manifest. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Send deterministic synthetic order events, with injected faults, to a Kafka topic, and write the "
                + "ground-truth manifest of what Silver, quarantine and Gold must contain.",
            "Defaults come from LAKEHOUSE_PRODUCER_<OPTION> environment variables, then config/producer.properties.",
            "Ctrl-C stops cleanly: in-flight records are flushed and the manifest covers what was sent."},
        footer = {"", "Examples:",
            "  lakehouse produce --count 100000 --rate 5000 --manifest data/manifests/run1.json",
            "  lakehouse produce --format avro --no-faults --topic orders-avro"})
final class ProduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", description = "Topic; created when missing (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", description = "Partitions for a topic that has to be created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--rate", description = "Events per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--manifest", paramLabel = "FILE", description = "Write the ground-truth manifest (JSON) here.")
    Path manifest;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka producer property (repeatable). Settings that would turn idempotence off are refused.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Mixin
    GeneratorOptions generator;

    @Override
    public Integer call() {
        ProduceConfig config = new ProduceConfig(bootstrap, topic, partitions, generator.toConfig(Clock.systemUTC()),
                rate, manifest, producerProperties, null, null);
        ProduceResult result = ProducerRun.runWithSignals(config,
                r -> ProduceReport.print(r, spec.commandLine().getOut()));
        return result.ok() ? 0 : 1;
    }
}
