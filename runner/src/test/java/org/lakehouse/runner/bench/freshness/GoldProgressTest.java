package org.lakehouse.runner.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gold's checkpoint read and each Gold commit paired with its batch, on hand-made files. */
class GoldProgressTest {
    @Test
    void aPositionCoversAVersionWholeOnlyAtItsEndIndex() {
        assertThat(GoldProgress.readThrough(7, GoldProgress.END_INDEX, false)).isEqualTo(7);
        assertThat(GoldProgress.readThrough(7, -100, false)).as("base index: nothing of 7 yet").isEqualTo(6);
        assertThat(GoldProgress.readThrough(7, -1, false)).as("version 1's base index").isEqualTo(6);
        assertThat(GoldProgress.readThrough(7, 3, false)).as("inside 7").isEqualTo(6);
        assertThat(GoldProgress.readThrough(7, 3, true)).as("inside the initial snapshot").isEqualTo(-1);
    }

    @Test
    void eachCommitGoesToTheBatchThatWasRunningWhenItWasMade() {
        List<GoldProgress.Batch> batches = List.of(new GoldProgress.Batch(0, 100, 200, 3),
                new GoldProgress.Batch(1, 300, 450, 5), new GoldProgress.Batch(2, 500, -1, 6));
        List<DeltaCommitLog.Commit> revenue = List.of(new DeltaCommitLog.Commit(0, 50, List.of()),
                new DeltaCommitLog.Commit(1, 150, List.of("a.parquet")),
                new DeltaCommitLog.Commit(2, 250, List.of("b.parquet")),
                new DeltaCommitLog.Commit(3, 450, List.of("c.parquet")),
                new DeltaCommitLog.Commit(4, 600, List.of("d.parquet")));

        assertThat(GoldProgress.commits(batches, revenue)).as("v0 created the table; v2 fell between batches; v3 "
                + "came in the tick batch 1 was recorded; v4 in batch 2, cut short").containsExactly(
                new FreshnessFacts.GoldCommit(0, 3, 150), new FreshnessFacts.GoldCommit(1, 5, 450),
                new FreshnessFacts.GoldCommit(2, 6, 600));
    }

    @Test
    void readsEachBatchsSilverPositionByTheTablesIdAndItsMarkers(@TempDir Path dir) throws Exception {
        Path offsets = Files.createDirectories(dir.resolve("offsets"));
        Path commits = Files.createDirectories(dir.resolve("commits"));
        String meta = "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"conf\":{}}";
        Files.writeString(offsets.resolve("0"), "v1\n" + meta + "\n"
                + "{\"sourceVersion\":1,\"reservoirId\":\"quarantine-id\",\"reservoirVersion\":9,\"index\":-1}\n"
                + "{\"sourceVersion\":1,\"reservoirId\":\"silver-id\",\"reservoirVersion\":4,\"index\":"
                + GoldProgress.END_INDEX + ",\"isStartingVersion\":false}\n-", StandardCharsets.UTF_8);
        Files.writeString(offsets.resolve("1"), "v1\n" + meta + "\n"
                + "{\"sourceVersion\":1,\"reservoirId\":\"silver-id\",\"reservoirVersion\":6,\"index\":-100}",
                StandardCharsets.UTF_8);
        Files.writeString(offsets.resolve(".1.crc"), "x", StandardCharsets.UTF_8);
        Files.writeString(commits.resolve("0"), "v1\n{}", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(offsets.resolve("0"), FileTime.fromMillis(1000));
        Files.setLastModifiedTime(commits.resolve("0"), FileTime.fromMillis(2000));
        Files.setLastModifiedTime(offsets.resolve("1"), FileTime.fromMillis(3000));

        assertThat(GoldProgress.read(dir, "silver-id")).containsExactly(new GoldProgress.Batch(0, 1000, 2000, 4),
                new GoldProgress.Batch(1, 3000, -1, 5));
    }
}
