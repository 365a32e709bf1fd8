package org.lakehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import org.lakehouse.producer.bench.BenchmarkResult;
import org.lakehouse.producer.bench.ProducerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse bench producer}: generate-and-send throughput against a pre-built baseline, same run. */
@Command(name = "producer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure the producer: events/s of generate + send (with the manifest built on the fly) against a "
                + "baseline that sends pre-built records of the same bytes through the same client and settings.",
            "Prints: RESULT producer_events_per_s=<n> baseline_events_per_s=<m> ratio=<n/m>. Rounds alternate the "
                + "two sides; medians are reported. Without --bootstrap it starts a throw-away embedded broker."})
final class BenchProducerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", description = "Use this broker instead of a throw-away embedded one.")
    String bootstrap;

    @Option(names = "--records", defaultValue = "500000", description = "Records per measured run (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per side, after a warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the benchmark topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    GeneratorOptions generator;

    @Override
    public Integer call() throws Exception {
        var config = generator.toConfig(Clock.systemUTC()).withCount(records);
        BenchmarkResult result;
        if (bootstrap != null) {
            result = new ProducerBenchmark(bootstrap, config, partitions, rounds).run();
        } else {
            Path dir = Files.createTempDirectory("lakehouse-bench-kafka");
            try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir).withMaxHeap("1g"))) {
                result = new ProducerBenchmark(broker.bootstrapServers(), config, partitions, rounds).run();
            } finally {
                org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
            }
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "records_per_run=%d avg_value_bytes=%.0f rounds=%d%n", result.recordsPerRun(),
                result.averageValueBytes(), result.rounds());
        spec.commandLine().getOut().println(result.resultLine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
