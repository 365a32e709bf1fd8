package org.lakehouse.producer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.OrderGenerator;
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
 * Measures the producer against its baseline. Both sides use one {@link Publisher} each with identical settings;
 * the baseline's records are generated before the clock starts, the producer's are generated, encoded and tallied
 * into the manifest while it runs, by the same prefetch thread and {@link SentManifest} {@code OrderProducer}
 * uses. Rounds alternate the two sides; the median of each is reported.
 */
public final class ProducerBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerBenchmark.class);

    private final String bootstrap;
    private final GeneratorConfig generator;
    private final int partitions;
    private final int rounds;

    /**
     * @param bootstrap  broker to send to
     * @param generator  what to generate (its count is the records per measured run)
     * @param partitions partitions of the two benchmark topics
     * @param rounds     measured rounds per side (after one warm-up round each)
     */
    public ProducerBenchmark(String bootstrap, GeneratorConfig generator, int partitions, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        this.bootstrap = bootstrap;
        this.generator = generator;
        this.partitions = partitions;
        this.rounds = rounds;
    }

    public BenchmarkResult run() {
        String suffix = Long.toHexString(System.nanoTime());
        String baselineTopic = "bench-baseline-" + suffix;
        String producerTopic = "bench-producer-" + suffix;
        TopicAdmin.ensureTopic(bootstrap, baselineTopic, partitions);
        TopicAdmin.ensureTopic(bootstrap, producerTopic, partitions);

        RecordMapper baselineMapper = new RecordMapper(baselineTopic, "bench");
        List<ProducerRecord<byte[], byte[]>> prebuilt = new ArrayList<>((int) generator.count());
        long bytes = 0;
        for (Iterator<GeneratedRecord> it = new OrderGenerator(generator).records(0); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            bytes += r.value().length;
            prebuilt.add(baselineMapper.toProducerRecord(r));
        }
        double avgBytes = prebuilt.isEmpty() ? 0 : (double) bytes / prebuilt.size();
        LOG.info("Benchmark: {} records per run, {} bytes per value on average, {} rounds", prebuilt.size(),
                String.format("%.0f", avgBytes), rounds);

        double[] baseline = new double[rounds];
        double[] producer = new double[rounds];
        Properties props = KafkaSettings.producerProperties(bootstrap, "lakehouse-bench", java.util.Map.of());
        try (Publisher baselinePublisher = new Publisher(props, new RatePacer(0), java.time.Duration.ofHours(1),
                System::nanoTime);
             Publisher producerPublisher = new Publisher(props, new RatePacer(0), java.time.Duration.ofHours(1),
                     System::nanoTime)) {
            runBaseline(baselinePublisher, prebuilt); // warm-up
            runProducer(producerPublisher, producerTopic);
            for (int i = 0; i < rounds; i++) {
                baseline[i] = runBaseline(baselinePublisher, prebuilt);
                producer[i] = runProducer(producerPublisher, producerTopic);
                LOG.info("Round {}: baseline {} events/s, producer {} events/s", i + 1,
                        String.format("%.0f", baseline[i]), String.format("%.0f", producer[i]));
            }
        }
        return new BenchmarkResult(median(producer), median(baseline), avgBytes, prebuilt.size(), rounds);
    }

    private static double runBaseline(Publisher publisher, List<ProducerRecord<byte[], byte[]>> records) {
        return check(publisher.send(records.iterator(), records.size(), Function.identity(), r -> { },
                ProgressListener.NONE));
    }

    private double runProducer(Publisher publisher, String topic) {
        RecordMapper mapper = new RecordMapper(topic, "bench");
        SentManifest sent = new SentManifest();
        double eventsPerSecond;
        try (Prefetcher<GeneratedRecord, Outgoing> records = Outgoing.prefetch(new OrderGenerator(generator), mapper,
                "bench-generator")) {
            eventsPerSecond = check(publisher.send(records, generator.count(), Outgoing::record, sent,
                    ProgressListener.NONE));
        }
        long counted = sent.manifest().recordsSent();
        if (counted != generator.count()) {
            throw new IllegalStateException("Benchmark manifest counted " + counted + " of " + generator.count());
        }
        return eventsPerSecond;
    }

    private static double check(PublishSummary summary) {
        if (!summary.complete()) {
            throw new IllegalStateException("Benchmark run lost records: " + summary);
        }
        return summary.eventsPerSecond();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
