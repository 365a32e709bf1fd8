package org.lakehouse.jobs;

import java.time.Clock;
import java.util.List;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.core.Job;
import org.lakehouse.jobs.core.JobRunner;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.maintenance.MaintenanceJob;
import org.lakehouse.jobs.silver.SilverJob;

/** The lake's jobs, in pipeline order. */
public final class Jobs {
    private Jobs() {
    }

    public static List<Job> all() {
        return List.of(new BronzeJob(), new SilverJob(), new GoldJob(), new MaintenanceJob());
    }

    public static JobRunner runner(LakePaths paths) {
        return new JobRunner(all(), paths, Clock.systemUTC());
    }
}
