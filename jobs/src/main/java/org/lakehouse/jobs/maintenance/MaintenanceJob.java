package org.lakehouse.jobs.maintenance;

import io.delta.tables.DeltaTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobContext;
import org.lakehouse.jobs.core.JobMetrics;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.ParamSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPTIMIZE (bin-packing small files) and VACUUM (deleting files older than the retention that no version within it
 * references) on every existing table. Safe beside the other jobs: OPTIMIZE only rewrites data it re-commits
 * optimistically (an append never conflicts with it), and VACUUM keeps every file a reader of the last
 * {@code retention_hours} may still need. Below Delta's 168-hour safety floor it refuses unless the retention is
 * given explicitly, because a streaming reader lagging that far behind would lose files.
 */
public final class MaintenanceJob implements Job {
    public static final String NAME = "maintenance";
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJob.class);

    public static final ParamSpec<Long> RETENTION_HOURS = ParamSpec.positiveLong("retention_hours", "168",
            "VACUUM keeps files younger than this; below 168 disables Delta's safety check for this run");
    public static final ParamSpec<Boolean> OPTIMIZE = ParamSpec.bool("optimize", "true", "run OPTIMIZE first");
    public static final ParamSpec<Boolean> VACUUM = ParamSpec.bool("vacuum", "true", "run VACUUM");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "OPTIMIZE and VACUUM every table (retention_hours, default 168)";
    }

    @Override
    public List<ParamSpec<?>> params() {
        return List.of(RETENTION_HOURS, OPTIMIZE, VACUUM);
    }

    @Override
    public List<LakeTable> outputs() {
        return List.of();
    }

    @Override
    public JobMetrics run(JobContext ctx) {
        long started = ctx.clock().millis();
        SparkSession spark = ctx.spark();
        long retention = ctx.params().get(RETENTION_HOURS);
        boolean optimize = ctx.params().get(OPTIMIZE);
        boolean vacuum = ctx.params().get(VACUUM);
        Map<String, Long> counters = new HashMap<>();
        String checkKey = "spark.databricks.delta.retentionDurationCheck.enabled";
        String checkBefore = spark.conf().get(checkKey, "true");
        if (retention < 168) {
            LOG.warn("VACUUM retention {} h is below Delta's 168 h floor: streaming readers more than {} h behind "
                    + "may lose files", retention, retention);
            spark.conf().set(checkKey, "false");
        }
        long tables = 0;
        try {
            for (LakeTable table : LakeTable.values()) {
                if (!ctx.paths().exists(table)) {
                    continue;
                }
                tables++;
                DeltaTable delta = DeltaTable.forPath(spark, ctx.paths().uri(table));
                if (optimize) {
                    Row m = delta.optimize().executeCompaction().select("metrics.numFilesAdded",
                            "metrics.numFilesRemoved").first();
                    counters.merge("optimize.files_added", m.getLong(0), Long::sum);
                    counters.merge("optimize.files_removed", m.getLong(1), Long::sum);
                }
                if (vacuum) {
                    long deleted = delta.vacuum((double) retention).count();
                    counters.merge("vacuum.files_deleted", deleted, Long::sum);
                }
                LOG.info("maintenance: {} done", table.qualifiedName());
            }
        } finally {
            spark.conf().set(checkKey, checkBefore);
        }
        return new JobMetrics(NAME, ctx.clock().instant(), ctx.clock().millis() - started, 0, 0, tables, counters,
                null, null);
    }
}
