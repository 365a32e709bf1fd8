package org.lakehouse.runner.bench.freshness;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.runner.root.TriggerRoot;

/** Gathers the {@link FreshnessFacts} of a finished run from its lake and its trigger root. */
final class FactsReader {
    private FactsReader() {
    }

    /**
     * @param sendOffsetMs added to each order's Kafka timestamp to give its send time
     */
    static FreshnessFacts read(SparkSession spark, LakePaths lake, TriggerRoot root, long sendOffsetMs)
            throws IOException {
        DeltaCommitLog.Table bronze = DeltaCommitLog.read(lake.table(LakeTable.BRONZE_ORDERS_RAW));
        DeltaCommitLog.Table silver = DeltaCommitLog.read(lake.table(LakeTable.SILVER_ORDERS));
        DeltaCommitLog.Table revenue = DeltaCommitLog.read(lake.table(LakeTable.GOLD_REVENUE_BY_CITY_HOUR));
        List<GoldProgress.Batch> batches = GoldProgress.read(lake.checkpoint(GoldJob.NAME), silver.id());
        return new FreshnessFacts(OrderRows.read(spark, lake, bronze, silver, sendOffsetMs), commitTimes(bronze),
                commitTimes(silver), GoldProgress.commits(batches, revenue.commits()), RunSpans.read(root));
    }

    private static Map<Long, Long> commitTimes(DeltaCommitLog.Table table) {
        Map<Long, Long> times = new HashMap<>();
        table.commits().forEach(c -> times.put(c.version(), c.committedMs()));
        return times;
    }
}
