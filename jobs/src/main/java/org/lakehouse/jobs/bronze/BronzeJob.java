package org.lakehouse.jobs.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.lakehouse.jobs.core.CheckpointGuard;
import org.lakehouse.jobs.core.DeltaStatePrefetch;
import org.lakehouse.jobs.core.DeltaTables;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobContext;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.JobParams;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ParamSpec;
import org.lakehouse.jobs.core.StreamRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka → {@code bronze.orders_raw}: an exactly-once Delta append of every record, partitioned by ingest date. */
public final class BronzeJob implements Job {
    public static final String NAME = "bronze";
    private static final Logger LOG = LoggerFactory.getLogger(BronzeJob.class);

    public static final ParamSpec<String> BOOTSTRAP = ParamSpec.brokers("bootstrap", "127.0.0.1:9092",
            "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ParamSpec<String> TOPICS = ParamSpec.text("topics", "orders",
            "comma-separated topics to read");
    public static final ParamSpec<String> STARTING_OFFSETS = ParamSpec.text("starting_offsets", "earliest",
            "where a new checkpoint starts: earliest, latest or Spark's JSON offsets; ignored once the checkpoint exists");
    public static final ParamSpec<Long> MAX_OFFSETS_PER_TRIGGER = ParamSpec.positiveLong("max_offsets_per_trigger",
            null, "cap on records per micro-batch (the run still reads everything available, in several batches)");
    /** Default of {@link #MAX_RECORDS_PER_TASK}; the benchmark's baseline reads with it too. */
    public static final long DEFAULT_MAX_RECORDS_PER_TASK = 200_000;
    public static final ParamSpec<Long> MAX_RECORDS_PER_TASK = ParamSpec.positiveLong("max_records_per_task",
            Long.toString(DEFAULT_MAX_RECORDS_PER_TASK),
            "a Kafka partition with more new records than this is read by several Spark tasks, so few partitions "
                    + "still keep every core busy");
    public static final ParamSpec<Boolean> FAIL_ON_DATA_LOSS = ParamSpec.bool("fail_on_data_loss", "true",
            "fail when Kafka deleted records Bronze had not read; false skips them and counts them as data_loss_offsets");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Kafka → bronze.orders_raw: raw bytes plus provenance, append-only, exactly once";
    }

    @Override
    public List<ParamSpec<?>> params() {
        return List.of(BOOTSTRAP, TOPICS, STARTING_OFFSETS, MAX_OFFSETS_PER_TRIGGER, MAX_RECORDS_PER_TASK,
                FAIL_ON_DATA_LOSS);
    }

    @Override
    public List<LakeTable> outputs() {
        return List.of(LakeTable.BRONZE_ORDERS_RAW);
    }

    @Override
    public JobMetrics run(JobContext ctx) {
        JobParams p = ctx.params();
        LakePaths paths = ctx.paths();
        List<String> topics = Arrays.stream(p.get(TOPICS).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).sorted().toList();
        String table = paths.uri(LakeTable.BRONZE_ORDERS_RAW);
        CheckpointGuard.check(ctx.spark(), NAME, paths.checkpoint(NAME), "topics=" + String.join(",", topics)
                + " table=" + LakeTable.BRONZE_ORDERS_RAW.folder(), paths, outputs());
        DeltaTables.ensure(ctx.spark(), paths, LakeTable.BRONZE_ORDERS_RAW, BronzeTable.SCHEMA,
                DeltaTables.statsColumns(BronzeTable.STATS), BronzeTable.PARTITION_COLUMN);
        boolean failOnDataLoss = p.get(FAIL_ON_DATA_LOSS);
        long lost = failOnDataLoss ? 0 : skippedOffsets(ctx.spark(), paths, p.get(BOOTSTRAP), topics);

        DataStreamReader reader = kafkaSource(ctx.spark(), p.get(BOOTSTRAP), topics, p.get(STARTING_OFFSETS),
                failOnDataLoss, p.get(MAX_RECORDS_PER_TASK));
        p.find(MAX_OFFSETS_PER_TRIGGER).ifPresent(n -> reader.option("maxOffsetsPerTrigger", n));
        Dataset<Row> bronze = BronzeTransform.toBronze(reader.load(), ctx.clock().instant());
        StreamRun.Outcome outcome;
        try (DeltaStatePrefetch prefetch = DeltaStatePrefetch.start(ctx.spark(), paths, outputs())) {
            outcome = StreamRun.run(NAME, ctx.spark(), bronze.writeStream().format("delta").outputMode("append")
                    .partitionBy(BronzeTable.PARTITION_COLUMN).option("path", table),
                    paths.checkpoint(NAME).toString(), ctx.clock());
        }
        Map<String, Long> counters = new HashMap<>();
        counters.put("data_loss_offsets", lost);
        return outcome.metrics(NAME, outcome.rowsIn(), counters);
    }

    /**
     * How long the broker may hold a fetch that finds no new records (Kafka's {@code fetch.max.wait.ms}, default
     * 500). *Why so short:* a bounded run only reads offsets that exist, yet each of its Spark tasks still waited
     * about 500 ms on a fetch the broker held for lack of new records: a Bronze task over a few hundred records took
     * 550-800 ms for 40-90 ms of CPU. With 10 ms it takes about 200 ms.
     */
    static final String FETCH_MAX_WAIT_MS = "10";

    /**
     * Bronze's Kafka source: every header kept, data loss failing or skipped as asked, a Kafka partition with more
     * than {@code maxRecordsPerTask} new records split over several tasks, no fetch parked at the broker
     * ({@link #FETCH_MAX_WAIT_MS}). The benchmark reuses it.
     *
     * <p>Why split: Spark reads each Kafka partition with one task by default; three partitions on two cores left
     * one core idle for the last third of every large batch. Split into pieces, the tasks balance; a small batch
     * keeps one task, and one file, per partition.
     */
    public static DataStreamReader kafkaSource(SparkSession spark, String bootstrap, List<String> topics,
            String startingOffsets, boolean failOnDataLoss, long maxRecordsPerTask) {
        return spark.readStream().format("kafka")
                .options(kafkaOptions(bootstrap, topics, startingOffsets, failOnDataLoss, maxRecordsPerTask));
    }

    /** The options of {@link #kafkaSource}. */
    static Map<String, String> kafkaOptions(String bootstrap, List<String> topics, String startingOffsets,
            boolean failOnDataLoss, long maxRecordsPerTask) {
        return Map.of("kafka.bootstrap.servers", bootstrap,
                "subscribe", String.join(",", topics),
                "startingOffsets", startingOffsets,
                "includeHeaders", "true",
                "failOnDataLoss", Boolean.toString(failOnDataLoss),
                "maxRecordsPerPartition", Long.toString(maxRecordsPerTask),
                "kafka.fetch.max.wait.ms", FETCH_MAX_WAIT_MS);
    }

    /**
     * Offsets Kafka deleted before Bronze read them: for each partition Bronze has seen, the gap between the next
     * offset Bronze expects and the first one Kafka still holds. Only computed when the run will skip them.
     */
    static long skippedOffsets(SparkSession spark, LakePaths paths, String bootstrap, List<String> topics) {
        if (!paths.exists(LakeTable.BRONZE_ORDERS_RAW)) {
            return 0;
        }
        Map<TopicPartition, Long> nextExpected = new HashMap<>();
        for (Row r : spark.read().format("delta").load(paths.uri(LakeTable.BRONZE_ORDERS_RAW))
                .groupBy("topic", "partition").agg(max(col("offset")).as("last")).collectAsList()) {
            nextExpected.put(new TopicPartition(r.getString(0), r.getInt(1)), r.getLong(2) + 1);
        }
        long lost = 0;
        for (Map.Entry<TopicPartition, KafkaOffsets.Range> e : KafkaOffsets.of(bootstrap, topics).entrySet()) {
            Long next = nextExpected.get(e.getKey());
            if (next != null && e.getValue().beginning() > next) {
                long gap = e.getValue().beginning() - next;
                LOG.warn("Bronze: {} lost offsets {}..{} ({} records) before they were read; skipping them "
                        + "(fail_on_data_loss=false)", e.getKey(), next, e.getValue().beginning() - 1, gap);
                lost += gap;
            }
        }
        return lost;
    }
}
