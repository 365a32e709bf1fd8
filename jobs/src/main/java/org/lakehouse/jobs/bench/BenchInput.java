package org.lakehouse.jobs.bench;

import java.time.Clock;
import java.util.UUID;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.producer.OrderProducer;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.publish.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The benchmarks' input: JSON orders with the default faults, produced to a fresh topic before any timing. */
public final class BenchInput {
    private static final Logger LOG = LoggerFactory.getLogger(BenchInput.class);

    private BenchInput() {
    }

    /** A topic name no earlier benchmark run used, so the run starts from an empty topic. */
    public static String freshTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends {@code count} orders to {@code topic} (created with the default partitions) and returns the manifest. */
    public static Manifest produce(String bootstrap, String topic, long count, Clock clock) {
        return produce(bootstrap, topic, new GeneratorConfig(GeneratorConfig.DEFAULT_SEED, count,
                GeneratorConfig.defaultStartTime(clock.instant(), GeneratorConfig.DEFAULT_SPAN),
                GeneratorConfig.DEFAULT_SPAN, EventFormat.JSON, FaultRatios.DEFAULTS));
    }

    /** Sends what {@code generator} describes to {@code topic} (created with the default partitions). */
    public static Manifest produce(String bootstrap, String topic, GeneratorConfig generator) {
        long count = generator.count();
        long started = System.nanoTime();
        ProduceResult result = new OrderProducer(ProduceConfig.of(bootstrap, generator).withTopic(topic),
                ProgressListener.NONE).run();
        if (!result.ok()) {
            throw new JobException("Benchmark input incomplete: Kafka at " + bootstrap + " acknowledged "
                    + result.summary().acked() + " of " + count + " records sent to " + topic
                    + ", so no figure would be comparable. Check that the broker is up and has disk space, then "
                    + "rerun.", false, result.summary().firstError());
        }
        LOG.info("Benchmark input: {} records in topic {} ({} partitions), produced in {} ms (not timed)", count,
                topic, result.partitions(), (System.nanoTime() - started) / 1_000_000);
        return result.manifest();
    }

    /** Fails the benchmark when a run did not read exactly the records produced: its time would mean nothing. */
    public static void checkRows(String what, long rows, long expected, String topic) {
        if (rows != expected) {
            throw new JobException("Benchmark invalid: " + what + " read " + rows + " record(s) from " + topic
                    + " where " + expected + " were produced. Rerun on a fresh topic (the default) and check the "
                    + "broker's retention settings.", false, null);
        }
    }
}
