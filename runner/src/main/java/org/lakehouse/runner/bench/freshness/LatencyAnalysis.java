package org.lakehouse.runner.bench.freshness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lakehouse.jobs.bronze.BronzeJob;
import org.lakehouse.jobs.gold.GoldJob;
import org.lakehouse.jobs.silver.SilverJob;

/**
 * Each valid order's latency from the facts alone, a pure function. An order is counted by the first Gold commit
 * (in batch order) whose batch had read Silver through the version that wrote the order's row; its latency runs
 * from its send to that commit. The hops are split at the Bronze and Silver commits that wrote its rows. A hop's
 * wait is taken from the run that made the hop's commit (the run of that job whose span holds the commit time):
 * from the later of the hop's start and the arrival of the run's trigger, to the run's start; a trigger that arrived
 * before the hop began waited for the hop only from its beginning.
 */
public final class LatencyAnalysis {
    private LatencyAnalysis() {
    }

    public static Latencies of(FreshnessFacts facts) {
        GoldIndex gold = new GoldIndex(facts.goldCommits());
        Map<String, RunIndex> runs = RunIndex.byJob(facts.runs());
        RunIndex bronzeRuns = runs.getOrDefault(BronzeJob.NAME, new RunIndex(List.of()));
        RunIndex silverRuns = runs.getOrDefault(SilverJob.NAME, new RunIndex(List.of()));
        RunIndex goldRuns = runs.getOrDefault(GoldJob.NAME, new RunIndex(List.of()));
        List<OrderLatency> latencies = new ArrayList<>(facts.orders().size());
        boolean[] counting = new boolean[gold.size()];
        long unresolved = 0;
        String firstUnresolved = null;
        for (FreshnessFacts.Order o : facts.orders()) {
            Long bronzeAt = facts.bronzeCommits().get(o.bronzeVersion());
            Long silverAt = facts.silverCommits().get(o.silverVersion());
            int g = gold.firstCounting(o.silverVersion());
            String missing = bronzeAt == null ? "Bronze version " + o.bronzeVersion() + " has no commit"
                    : silverAt == null ? "Silver version " + o.silverVersion() + " has no commit"
                    : g < 0 ? "no Gold commit read Silver through version " + o.silverVersion() : null;
            if (missing != null) {
                unresolved++;
                if (firstUnresolved == null) {
                    firstUnresolved = "the order sent at " + o.sentMs() + ": " + missing;
                }
                continue;
            }
            counting[g] = true;
            long goldAt = gold.commit(g).committedMs();
            latencies.add(new OrderLatency(bronzeAt - o.sentMs(), silverAt - bronzeAt, goldAt - silverAt,
                    bronzeRuns.waitFor(bronzeAt, o.sentMs()), silverRuns.waitFor(silverAt, bronzeAt),
                    goldRuns.waitFor(goldAt, silverAt)));
        }
        int commits = 0;
        for (boolean c : counting) {
            commits += c ? 1 : 0;
        }
        long outside = bronzeRuns.outside + silverRuns.outside + goldRuns.outside;
        return new Latencies(latencies, unresolved, firstUnresolved, commits, outside);
    }

    /** The Gold commits in batch order, with how far Silver had been read by each (never going back). */
    private static final class GoldIndex {
        private final List<FreshnessFacts.GoldCommit> commits;
        private final long[] readThrough;

        GoldIndex(List<FreshnessFacts.GoldCommit> unordered) {
            commits = unordered.stream().sorted(Comparator.comparingLong(FreshnessFacts.GoldCommit::batchId))
                    .toList();
            readThrough = new long[commits.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < readThrough.length; i++) {
                max = Math.max(max, commits.get(i).silverReadThrough());
                readThrough[i] = max;
            }
        }

        int size() {
            return commits.size();
        }

        FreshnessFacts.GoldCommit commit(int i) {
            return commits.get(i);
        }

        /** The first commit whose batch had read Silver through {@code silverVersion}, or -1. */
        int firstCounting(long silverVersion) {
            int lo = 0;
            int hi = readThrough.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (readThrough[mid] >= silverVersion) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo < readThrough.length ? lo : -1;
        }
    }

    /** One job's run attempts by start (at most one runs at a time), and how many commits fell in none. */
    private static final class RunIndex {
        private final List<FreshnessFacts.RunSpan> spans;
        long outside;

        RunIndex(List<FreshnessFacts.RunSpan> spans) {
            this.spans = spans.stream().sorted(Comparator.comparingLong(FreshnessFacts.RunSpan::startedMs)).toList();
        }

        static Map<String, RunIndex> byJob(List<FreshnessFacts.RunSpan> all) {
            Map<String, List<FreshnessFacts.RunSpan>> grouped = new HashMap<>();
            all.forEach(r -> grouped.computeIfAbsent(r.job(), j -> new ArrayList<>()).add(r));
            Map<String, RunIndex> byJob = new HashMap<>();
            grouped.forEach((job, spans) -> byJob.put(job, new RunIndex(spans)));
            return byJob;
        }

        /**
         * How long the trigger of the run that committed at {@code commitMs} waited inside a hop that began at
         * {@code hopStartMs}; 0, counted in {@link #outside}, when no run's span holds the commit.
         */
        long waitFor(long commitMs, long hopStartMs) {
            Optional<FreshnessFacts.RunSpan> run = containing(commitMs);
            if (run.isEmpty()) {
                outside++;
                return 0;
            }
            FreshnessFacts.RunSpan r = run.get();
            return Math.max(0, r.startedMs() - Math.max(hopStartMs, r.claimedMs()));
        }

        private Optional<FreshnessFacts.RunSpan> containing(long ms) {
            int lo = 0;
            int hi = spans.size();
            while (lo < hi) { // the first span starting after ms
                int mid = (lo + hi) >>> 1;
                if (spans.get(mid).startedMs() <= ms) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo == 0) {
                return Optional.empty();
            }
            FreshnessFacts.RunSpan r = spans.get(lo - 1);
            return r.endedMs() >= ms ? Optional.of(r) : Optional.empty();
        }
    }
}
