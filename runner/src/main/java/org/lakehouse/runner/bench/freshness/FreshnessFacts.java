package org.lakehouse.runner.bench.freshness;

import java.util.List;
import java.util.Map;

/**
 * What the latency analysis works on, read after the run; every time is in milliseconds since the epoch.
 *
 * @param orders every valid order (one Silver row each)
 * @param bronzeCommits each version of {@code bronze.orders_raw} with its commit time
 * @param silverCommits each version of {@code silver.orders} with its commit time
 * @param goldCommits the Gold commits that may count orders, in the order of the batches that made them
 * @param runs every attempt of every run, from the runner's ledger
 */
public record FreshnessFacts(List<Order> orders, Map<Long, Long> bronzeCommits, Map<Long, Long> silverCommits,
        List<GoldCommit> goldCommits, List<RunSpan> runs) {

    public FreshnessFacts {
        orders = List.copyOf(orders);
        bronzeCommits = Map.copyOf(bronzeCommits);
        silverCommits = Map.copyOf(silverCommits);
        goldCommits = List.copyOf(goldCommits);
        runs = List.copyOf(runs);
    }

    /**
     * One valid order.
     *
     * @param sentMs its send time
     * @param bronzeVersion the version of {@code bronze.orders_raw} whose commit added its Bronze row
     * @param silverVersion the version of {@code silver.orders} whose commit added its Silver row
     */
    public record Order(long sentMs, long bronzeVersion, long silverVersion) {
    }

    /**
     * One commit of {@code gold.revenue_by_city_hour}, the table that counts orders.
     *
     * @param batchId Gold's streaming batch that made it
     * @param silverReadThrough the last version of {@code silver.orders} that batch, with the ones before it, had
     *     read completely
     * @param committedMs its commit time
     */
    public record GoldCommit(long batchId, long silverReadThrough, long committedMs) {
    }

    /**
     * One attempt of one run.
     *
     * @param claimedMs when the earliest of the triggers it served was claimed (the trigger's arrival)
     * @param startedMs its STARTED line in the ledger
     * @param endedMs the line that ended the attempt (SUCCEEDED, RETRYING, FAILED, ABANDONED)
     */
    public record RunSpan(String job, long claimedMs, long startedMs, long endedMs) {
    }
}
