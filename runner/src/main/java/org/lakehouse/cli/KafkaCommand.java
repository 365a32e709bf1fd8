package org.lakehouse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse kafka}: run the embedded KRaft broker in the foreground until Ctrl-C. */
@Command(name = "kafka", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start a real Apache Kafka broker (KRaft, single node) from the project's Maven jars, bound to "
                + "127.0.0.1, and keep it running until Ctrl-C.",
            "It runs in its own JVM with its own classpath (Kafka 4.3.1), apart from Spark's Kafka client. "
                + "Topics survive restarts: data stays in --data-dir."},
        footer = {"", "Example:", "  lakehouse kafka &   lakehouse produce --bootstrap 127.0.0.1:9092"})
final class KafkaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", defaultValue = "0", description = "KRaft controller port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--data-dir", description = "Broker storage and logs (default: data/kafka under the checkout).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = dataDir != null ? dataDir : LakehouseHome.detect().data("kafka");
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(dir).withPort(port).withControllerPort(controllerPort);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedKafka broker = EmbeddedKafka.start(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.stop();
                stopped.countDown();
            }, "kafka-shutdown"));
            out.println("Kafka broker ready: bootstrap " + broker.bootstrapServers());
            out.println("  data: " + broker.dataDir() + " · log: " + config.logsDir().resolve("broker.log"));
            out.println("  Ctrl-C stops it.");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
