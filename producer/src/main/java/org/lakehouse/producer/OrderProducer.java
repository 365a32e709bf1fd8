package org.lakehouse.producer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.lakehouse.producer.generate.OrderGenerator;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestJson;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.publish.KafkaSettings;
import org.lakehouse.producer.publish.Outgoing;
import org.lakehouse.producer.publish.Prefetcher;
import org.lakehouse.producer.publish.ProgressListener;
import org.lakehouse.producer.publish.PublishSummary;
import org.lakehouse.producer.publish.Publisher;
import org.lakehouse.producer.publish.RatePacer;
import org.lakehouse.producer.publish.RecordMapper;
import org.lakehouse.producer.publish.SentManifest;
import org.lakehouse.producer.publish.TopicAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer run: ensure the topic, generate and send every record, flush, and write the manifest of exactly
 * what was sent. Records are generated, encoded and tallied in chunks on a prefetch thread, overlapping with
 * sending; a {@link SentManifest} on the sending thread adds up only what was actually handed to Kafka.
 * {@link #requestStop()} (from a signal handler) ends the run early but cleanly: the manifest then covers the
 * records sent so far.
 */
public final class OrderProducer {
    private static final Logger LOG = LoggerFactory.getLogger(OrderProducer.class);

    private final ProduceConfig config;
    private final ProgressListener progress;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<Publisher> active = new AtomicReference<>();

    public OrderProducer(ProduceConfig config, ProgressListener progress) {
        this.config = config;
        this.progress = progress;
    }

    public ProduceResult run() {
        int partitions = TopicAdmin.ensureTopic(config.bootstrap(), config.topic(), config.partitions());
        OrderGenerator generator = new OrderGenerator(config.generator());
        SentManifest sent = new SentManifest();
        RecordMapper mapper = new RecordMapper(config.topic(), config.producerId());
        LOG.info("Producing {} {} records to {} ({} partitions) at {}", config.generator().count(),
                config.generator().format().cliName(), config.topic(), partitions,
                config.rate() > 0 ? config.rate() + " events/s" : "full speed");
        PublishSummary summary;
        try (Publisher publisher = new Publisher(
                KafkaSettings.producerProperties(config.bootstrap(), config.producerId(), config.kafkaOverrides()),
                new RatePacer(config.rate()), config.progressInterval(), System::nanoTime)) {
            active.set(publisher);
            if (stopRequested.get()) {
                publisher.requestStop();
            }
            try (Prefetcher<GeneratedRecord, Outgoing> records = Outgoing.prefetch(generator, mapper,
                    "order-generator")) {
                summary = publisher.send(records, config.generator().count(), Outgoing::record,
                        sent, progress);
            }
        } finally {
            active.set(null);
        }
        Manifest built = sent.manifest().build(config.generator(), config.topic(), summary.complete());
        if (config.manifest() != null) {
            ManifestJson.write(built, config.manifest());
            LOG.info("Wrote manifest {}", config.manifest());
        }
        return new ProduceResult(config.topic(), partitions, summary, built, config.manifest());
    }

    /** Stops a running {@link #run()} after the record in hand; safe from any thread. */
    public void requestStop() {
        stopRequested.set(true);
        Publisher p = active.get();
        if (p != null) {
            p.requestStop();
        }
    }
}
