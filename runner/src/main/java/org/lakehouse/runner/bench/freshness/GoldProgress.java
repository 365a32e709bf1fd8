package org.lakehouse.runner.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How far each of Gold's streaming batches had read Silver, from Gold's checkpoint, and which Gold commit each batch
 * made. Spark writes {@code offsets/<batch>} before a batch runs (one line per source: for a Delta source, the
 * position it reads up to) and {@code commits/<batch>} after the batch's writes; the commit a batch made to
 * {@code gold.revenue_by_city_hour} is the one that falls between the two. *Why by time:* Gold MERGEs into a table
 * that already holds rows, and a MERGE carries no transaction id naming its batch.
 */
final class GoldProgress {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Delta's source offset index meaning "every file of this version read". */
    static final long END_INDEX = Long.MAX_VALUE - 100;

    /**
     * One batch of Gold's query.
     *
     * @param plannedMs when its offsets were written (before it read anything)
     * @param committedMs when Spark recorded it done, or -1 when it never was
     * @param silverReadThrough the last Silver version it had read completely, with the batches before it
     */
    record Batch(long batchId, long plannedMs, long committedMs, long silverReadThrough) {
    }

    private GoldProgress() {
    }

    /**
     * Reads Gold's checkpoint at {@code checkpoint}.
     *
     * @param silverTableId the Delta table id of {@code silver.orders}: which source line is Silver's orders
     */
    static List<Batch> read(Path checkpoint, String silverTableId) throws IOException {
        Path offsets = checkpoint.resolve("offsets");
        Path commits = checkpoint.resolve("commits");
        List<Batch> batches = new ArrayList<>();
        try (Stream<Path> files = Files.list(offsets)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long id = Long.parseLong(file.getFileName().toString());
                Path done = commits.resolve(Long.toString(id));
                batches.add(new Batch(id, Files.getLastModifiedTime(file).toMillis(),
                        Files.exists(done) ? Files.getLastModifiedTime(done).toMillis() : -1,
                        readThrough(file, silverTableId)));
            }
        }
        batches.sort(Comparator.comparingLong(Batch::batchId));
        return batches;
    }

    /** The last Silver version a batch's end offset covers whole. */
    private static long readThrough(Path offsetsFile, String silverTableId) throws IOException {
        List<String> lines = Files.readAllLines(offsetsFile, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            if (line.isBlank() || line.equals("-")) {
                continue;
            }
            JsonNode offset = JSON.readTree(line);
            if (silverTableId.equals(offset.path("reservoirId").asText())) {
                return readThrough(offset.get("reservoirVersion").asLong(), offset.get("index").asLong(),
                        offset.path("isStartingVersion").asBoolean(false));
            }
        }
        throw new IllegalStateException("Gold's offsets " + offsetsFile + " name no position in silver.orders (table "
                + silverTableId + "): is this Gold's checkpoint of this lake?");
    }

    /**
     * A Delta source position {@code (version, index)} covers every file up to {@code index} of {@code version}; at
     * {@link #END_INDEX} the whole version, below it (the base index, a file's index) only the versions before.
     * A position inside the initial snapshot ({@code isStartingVersion}) covers no version whole until its end.
     */
    static long readThrough(long version, long index, boolean initialSnapshot) {
        if (index == END_INDEX) {
            return version;
        }
        return initialSnapshot ? -1 : version - 1;
    }

    /**
     * Pairs each commit of {@code gold.revenue_by_city_hour} that added files with the batch that made it: the
     * first batch recorded done at or after the commit, when it was planned at or before it. Batches without such
     * a commit counted no new order; commits outside every batch (the table's creation) are left out.
     */
    static List<FreshnessFacts.GoldCommit> commits(List<Batch> batches, List<DeltaCommitLog.Commit> revenue) {
        List<FreshnessFacts.GoldCommit> matched = new ArrayList<>();
        int b = 0;
        for (DeltaCommitLog.Commit c : revenue.stream().filter(c -> !c.addedFiles().isEmpty())
                .sorted(Comparator.comparingLong(DeltaCommitLog.Commit::version)).toList()) {
            while (b < batches.size() && batches.get(b).committedMs() >= 0
                    && batches.get(b).committedMs() < c.committedMs()) {
                b++;
            }
            if (b < batches.size() && batches.get(b).plannedMs() <= c.committedMs()) {
                Batch batch = batches.get(b);
                matched.add(new FreshnessFacts.GoldCommit(batch.batchId(), batch.silverReadThrough(),
                        c.committedMs()));
            }
        }
        return matched;
    }
}
