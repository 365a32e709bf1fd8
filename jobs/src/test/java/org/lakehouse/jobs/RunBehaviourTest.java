package org.lakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.bronze.KafkaOffsets;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.reconcile.ReconcileReport;
import org.lakehouse.producer.event.EventFormat;

/** How runs start, stop and refuse: bounded batches, restarts, data loss, changed definitions, lost checkpoints. */
class RunBehaviourTest {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    @Test
    void availableNowRunsSeveralBatchesAndLeavesLaterDataForTheNextRun(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-batches");
        lake.produce(Lake.generator(1, 3_000, EventFormat.JSON), dir.resolve("m1.json"));
        AtomicBoolean producedLate = new AtomicBoolean();
        AtomicReference<Exception> lateError = new AtomicReference<>();
        StreamingQueryListener produceDuringRun = new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                if (event.progress().numInputRows() > 0 && producedLate.compareAndSet(false, true)) {
                    try {
                        lake.produce(Lake.generator(2, 200, EventFormat.JSON), dir.resolve("m2.json"));
                    } catch (Exception e) {
                        lateError.set(e);
                    }
                }
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
            }
        };
        lake.spark.streams().addListener(produceDuringRun);
        JobMetrics first;
        try {
            first = lake.run("bronze", "max_offsets_per_trigger=400");
        } finally {
            lake.spark.streams().removeListener(produceDuringRun);
        }
        assertThat(lateError.get()).as("producing during the run").isNull();
        assertThat(producedLate).as("records were produced while the run was going").isTrue();
        assertThat(first.rowsIn()).as("the run reads what was there when it started").isEqualTo(3_000);
        assertThat(first.batches()).as("batches of at most 400 offsets").isGreaterThanOrEqualTo(8);

        JobMetrics second = lake.run("bronze", "max_offsets_per_trigger=400");
        assertThat(second.rowsIn()).as("the next run picks up the records produced meanwhile").isEqualTo(200);
        assertThat(lake.run("bronze").rowsIn()).as("a run with nothing new").isZero();

        long rows = lake.rows(LakeTable.BRONZE_ORDERS_RAW);
        long distinct = lake.table(LakeTable.BRONZE_ORDERS_RAW).select("topic", "partition", "offset").distinct()
                .count();
        assertThat(rows).as("Bronze rows after two productions and three runs").isEqualTo(3_200);
        assertThat(distinct).as("each (topic, partition, offset) once").isEqualTo(rows);
        lake.run("silver");
        lake.run("gold");
        ReconcileReport report = lake.reconcile(null);
        assertThat(report.differences()).as(report.render()).isEmpty();
    }

    @Test
    void dataLossFailsByDefaultAndIsCountedWhenAccepted(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-loss");
        lake.produce(Lake.generator(3, 600, EventFormat.JSON), dir.resolve("m1.json"));
        lake.run("bronze");
        lake.produce(Lake.generator(4, 600, EventFormat.JSON), dir.resolve("m2.json"));
        Map<TopicPartition, KafkaOffsets.Range> offsets = KafkaOffsets.of(lake.bootstrap, java.util.List.of(lake.topic));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, lake.bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.deleteRecords(offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> RecordsToDelete.beforeOffset(e.getValue().end())))).all().get();
        }

        assertThatThrownBy(() -> lake.run("bronze"))
                .as("unread records deleted from Kafka")
                .isInstanceOf(JobException.class)
                .hasMessageContaining("no longer holds records")
                .hasMessageContaining("fail_on_data_loss=false");
        JobMetrics accepted = lake.run("bronze", "fail_on_data_loss=false");
        assertThat(accepted.counter("data_loss_offsets")).as("offsets skipped and recorded").isEqualTo(600);
        assertThat(lake.rows(LakeTable.BRONZE_ORDERS_RAW)).as("Bronze keeps what it had read").isEqualTo(600);
    }

    @Test
    void changedDefinitionAndMissingCheckpointAreRefusedUntilReset(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-def");
        lake.produce(Lake.generator(5, 300, EventFormat.JSON), dir.resolve("m1.json"));
        lake.run("bronze");

        assertThatThrownBy(() -> lake.run("bronze", "topics=orders-other"))
                .as("other topics into the same table and checkpoint")
                .isInstanceOf(JobException.class)
                .hasMessageContaining("definition changed")
                .hasMessageContaining("topics=orders-def")
                .hasMessageContaining("--reset")
                .matches(e -> ((JobException) e).invalidInput(), "is a usage error");

        PathUtils.deleteDirectory(lake.paths.checkpoint("bronze"));
        assertThatThrownBy(() -> lake.run("bronze"))
                .as("table with rows but no checkpoint")
                .isInstanceOf(JobException.class)
                .hasMessageContaining("checkpoint")
                .hasMessageContaining("missing")
                .hasMessageContaining("--reset");
        assertThat(lake.rows(LakeTable.BRONZE_ORDERS_RAW)).as("refusals write nothing").isEqualTo(300);

        lake.runner.run(lake.spark, "bronze", Map.of("bootstrap", lake.bootstrap, "topics", lake.topic), true);
        assertThat(lake.rows(LakeTable.BRONZE_ORDERS_RAW)).as("rebuilt once, not doubled").isEqualTo(300);
        assertThat(Files.exists(lake.paths.checkpoint("bronze").resolve("offsets"))).isTrue();
    }

    @Test
    void unknownJobsAndParametersAreUsageErrors(@TempDir Path dir) {
        Lake lake = new Lake(dir.resolve("lake"), BROKER.bootstrap(), "orders-none");
        assertThatThrownBy(() -> lake.run("platinum"))
                .isInstanceOf(JobException.class).hasMessageContaining("bronze, silver, gold, maintenance");
        assertThatThrownBy(() -> lake.run("bronze", "max_offset_per_trigger=5"))
                .isInstanceOf(JobException.class).hasMessageContaining("max_offsets_per_trigger");
        assertThatThrownBy(() -> lake.run("bronze", "max_offsets_per_trigger=-5"))
                .isInstanceOf(JobException.class).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> lake.run("silver"))
                .as("silver before bronze")
                .isInstanceOf(JobException.class).hasMessageContaining("lakehouse job bronze");
    }
}
