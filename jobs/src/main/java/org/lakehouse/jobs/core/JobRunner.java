package org.lakehouse.jobs.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs by name in a given session: checks parameters, applies {@code --reset}, keeps the catalog registered.
 * Jobs are kept in pipeline order; a reset rebuilds the job's outputs and checkpoint and those of every job after
 * it that reads them, since a downstream checkpoint cannot follow a rebuilt upstream table.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final LakePaths paths;
    private final Clock clock;

    public JobRunner(List<Job> pipelineOrder, LakePaths paths, Clock clock) {
        pipelineOrder.forEach(j -> jobs.put(j.name(), j));
        this.paths = paths;
        this.clock = clock;
    }

    public List<String> names() {
        return List.copyOf(jobs.keySet());
    }

    public Job job(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw JobErrors.unknownJob(name, jobs.keySet());
        }
        return job;
    }

    public JobMetrics run(SparkSession spark, String name, Map<String, String> params, boolean reset) {
        Job job = job(name);
        JobParams checked = JobParams.of(name, job.params(), params);
        if (reset) {
            reset(name);
        }
        LakeCatalog.register(spark, paths);
        try {
            return job.run(new JobContext(spark, paths, checked, clock));
        } finally {
            LakeCatalog.register(spark, paths);
        }
    }

    /**
     * Deletes the outputs and checkpoint of {@code name} and of every later job with outputs.
     *
     * @return the jobs that had something to delete
     */
    public List<String> reset(String name) {
        job(name);
        List<String> rebuilt = new ArrayList<>();
        boolean after = false;
        for (Job job : jobs.values()) {
            after |= job.name().equals(name);
            if (!after || job.outputs().isEmpty()) {
                continue;
            }
            boolean deleted = false;
            for (LakeTable table : job.outputs()) {
                deleted |= delete(paths.table(table));
            }
            deleted |= delete(paths.checkpoint(job.name()));
            if (deleted) {
                rebuilt.add(job.name());
            }
        }
        DeltaLog.clearCache();
        if (!rebuilt.isEmpty()) {
            LOG.warn("Reset {}: deleted the tables and checkpoints of {}", name, rebuilt);
        }
        return rebuilt;
    }

    private static boolean delete(Path path) {
        try {
            if (Files.exists(path)) {
                PathUtils.deleteDirectory(path);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path + " for --reset", e);
        }
    }
}
