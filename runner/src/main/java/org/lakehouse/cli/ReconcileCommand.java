package org.lakehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.jobs.reconcile.Reconciler;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakehouse reconcile}: checks the lake end to end and prints every difference; exit 1 when there is one. */
@Command(name = "reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the lake end to end and print every difference.",
            "Checks Kafka offsets against Bronze, Bronze against Silver + quarantine "
            + "+ duplicates record by record, Gold against Gold recomputed from Silver and, with --manifest, Silver "
            + "and Gold against the producer's ground truth. Prints each check, then OK or every difference.",
            "Exit code 0 when everything matches, 1 on any difference."},
        footer = {"", "Examples:",
            "  lakehouse reconcile --manifest data/manifests/demo-manifest.json",
            "  lakehouse reconcile --skip-kafka"})
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The manifest `lakehouse produce --manifest` wrote; without it that check is skipped.")
    Path manifest;

    @ArgGroup(exclusive = true)
    KafkaChoice kafka = new KafkaChoice();

    @Mixin
    DataDirOption dataDir;

    /** Kafka to compare Bronze with, or none. */
    static final class KafkaChoice {
        @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
                description = "Kafka bootstrap servers (default: the bronze job's default, 127.0.0.1:9092).")
        String bootstrap;

        @Option(names = "--skip-kafka", description = "Skip the Kafka-against-Bronze check (no broker needed).")
        boolean skip;

        Optional<String> bootstrap() {
            return skip ? Optional.empty()
                    : Optional.of(bootstrap != null ? bootstrap : BronzeJob.BOOTSTRAP.defaultText());
        }
    }

    @Override
    public Integer call() {
        Optional<Manifest> expected = Optional.ofNullable(manifest).map(ReconcileCommand::read);
        Optional<String> bootstrap = kafka == null ? new KafkaChoice().bootstrap() : kafka.bootstrap();
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-reconcile");
        ReconcileReport report;
        try {
            report = new Reconciler(spark, dataDir.paths()).run(bootstrap, expected);
        } catch (KafkaException e) {
            throw CliErrors.kafkaUnreachable(bootstrap.orElseThrow(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.render());
        out.flush();
        return report.ok() ? 0 : 1;
    }

    private static Manifest read(Path file) {
        try {
            return ManifestJson.read(file);
        } catch (IOException e) {
            throw CliErrors.manifestUnreadable(file, e);
        }
    }
}
