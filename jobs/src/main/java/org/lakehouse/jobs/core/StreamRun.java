package org.lakehouse.jobs.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one streaming query as a bounded {@link Trigger#AvailableNow()} run to its end and sums up its progress
 * events. Every progress event is seen (a listener, not {@code recentProgress()}, which keeps only the last 100).
 * Thread-safety: the listener runs on Spark's listener bus; the collected list is synchronized.
 */
public final class StreamRun {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRun.class);

    private static final int MAX_ATTEMPTS = 3;

    private StreamRun() {
    }

    /** Progress of one finished run. */
    public record Outcome(Instant startedAt, long durationMs, List<StreamingQueryProgress> progress) {
        public long batches() {
            return progress.stream().filter(p -> p.numInputRows() > 0).count();
        }

        public long rowsIn() {
            return progress.stream().mapToLong(StreamingQueryProgress::numInputRows).sum();
        }

        /** The first batch's start offsets of source 0, as Spark prints them. */
        public String offsetsFrom() {
            return progress.stream().filter(p -> p.numInputRows() > 0).findFirst()
                    .map(p -> p.sources()[0].startOffset()).orElse(null);
        }

        public String offsetsTo() {
            return progress.stream().filter(p -> p.numInputRows() > 0).reduce((a, b) -> b)
                    .map(p -> p.sources()[0].endOffset()).orElse(null);
        }

        public JobMetrics metrics(String job, long rowsOut, Map<String, Long> counters) {
            return new JobMetrics(job, startedAt, durationMs, batches(), rowsIn(), rowsOut, counters, offsetsFrom(),
                    offsetsTo());
        }
    }

    /** Starts {@code writer} with AvailableNow at {@code checkpoint} and blocks until it has read all it saw. */
    public static Outcome run(String job, SparkSession spark, DataStreamWriter<?> writer, String checkpoint,
            Clock clock) {
        Instant started = clock.instant();
        List<StreamingQueryProgress> progress = new ArrayList<>();
        String name = job + "-" + UUID.randomUUID();
        StreamingQueryListener listener = new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                if (name.equals(event.progress().name())) {
                    synchronized (progress) {
                        progress.add(event.progress());
                    }
                }
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
            }
        };
        spark.streams().addListener(listener);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    StreamingQuery query = writer.queryName(name)
                            .option("checkpointLocation", checkpoint)
                            .trigger(Trigger.AvailableNow())
                            .start();
                    query.awaitTermination();
                    break;
                } catch (StreamingQueryException e) {
                    if (attempt < MAX_ATTEMPTS && isKafkaMetricsBug(e)) {
                        LOG.warn("{}: Spark 4.1.1's Kafka source failed to report progress after replaying a batch "
                                + "its checkpoint had planned but not committed (SPARK-55271); the batch itself is "
                                + "committed, resuming", job);
                        continue;
                    }
                    throw translate(job, e);
                }
            }
            // the listener bus is asynchronous: wait until the last progress event has been delivered
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (TimeoutException e) {
            throw JobErrors.queryFailed(job, e);
        } finally {
            spark.streams().removeListener(listener);
        }
        long durationMs = clock.millis() - started.toEpochMilli();
        List<StreamingQueryProgress> copy;
        synchronized (progress) {
            copy = List.copyOf(progress);
        }
        LOG.info("{}: {} batch(es), {} row(s) in {} ms", job, copy.stream().filter(p -> p.numInputRows() > 0).count(),
                copy.stream().mapToLong(StreamingQueryProgress::numInputRows).sum(), durationMs);
        if (LOG.isDebugEnabled()) {
            copy.stream().filter(p -> p.numInputRows() > 0).forEach(p -> LOG.debug("{}: batch {}: {} row(s), {}",
                    job, p.batchId(), p.numInputRows(), p.durationMs()));
        }
        return new Outcome(started, durationMs, copy);
    }

    /**
     * SPARK-55271: in Spark 4.1.1 the Kafka source's progress metrics throw a NullPointerException after the first
     * batch of a restarted query when that batch is a replay from the offset log (a crash between planning and
     * committing a batch). The batch has been written and committed by then, so running the query again resumes
     * correctly. Recognized narrowly: an NPE thrown from {@code KafkaMicroBatchStream.metrics}.
     */
    static boolean isKafkaMetricsBug(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NullPointerException) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith("org.apache.spark.sql.kafka010.KafkaMicroBatchStream")
                            && frame.getMethodName().equals("metrics")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static JobException translate(String job, StreamingQueryException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobException je) {
                return je;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("KAFKA_DATA_LOSS") || message.contains("data may have been lost")
                    || message.contains("Some data may have been lost")) {
                return JobErrors.dataLoss(job, JobErrors.firstLine(message), e);
            }
        }
        return JobErrors.queryFailed(job, e);
    }
}
