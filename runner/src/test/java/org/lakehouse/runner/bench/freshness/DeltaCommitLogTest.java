package org.lakehouse.runner.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-made Delta log read back: versions, commit times, added files and the table id. */
class DeltaCommitLogTest {
    @Test
    void readsVersionsTimesAddedFilesAndTheTableId(@TempDir Path table) throws Exception {
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(log.resolve("%020d.json".formatted(0)), """
                {"commitInfo":{"timestamp":1,"operation":"CREATE TABLE"}}
                {"protocol":{"minReaderVersion":1,"minWriterVersion":2}}
                {"metaData":{"id":"table-id","format":{"provider":"parquet"}}}
                """, StandardCharsets.UTF_8);
        Files.writeString(log.resolve("%020d.json".formatted(1)), """
                {"commitInfo":{"timestamp":2,"operation":"WRITE"}}
                {"txn":{"appId":"a","version":0}}
                {"add":{"path":"event_date=2026-12-07/part-00000-a%20b.c000.snappy.parquet","dataChange":true}}
                {"add":{"path":"part-00001-c.snappy.parquet","dataChange":true}}
                """, StandardCharsets.UTF_8);
        Files.writeString(log.resolve("%020d.json".formatted(2)), """
                {"commitInfo":{"timestamp":3,"operation":"MERGE","inCommitTimestamp":7000}}
                {"remove":{"path":"part-00001-c.snappy.parquet","dataChange":true}}
                {"add":{"path":"part-00002-d.snappy.parquet","dataChange":true}}
                """, StandardCharsets.UTF_8);
        Files.writeString(log.resolve("00000000000000000002.checkpoint.parquet"), "not read");
        Files.setLastModifiedTime(log.resolve("%020d.json".formatted(0)), FileTime.fromMillis(5000));
        Files.setLastModifiedTime(log.resolve("%020d.json".formatted(1)), FileTime.fromMillis(6000));

        DeltaCommitLog.Table t = DeltaCommitLog.read(table);

        assertThat(t.id()).isEqualTo("table-id");
        assertThat(t.commits()).containsExactly(new DeltaCommitLog.Commit(0, 5000, java.util.List.of()),
                new DeltaCommitLog.Commit(1, 6000, java.util.List.of("part-00000-a b.c000.snappy.parquet",
                        "part-00001-c.snappy.parquet")),
                new DeltaCommitLog.Commit(2, 7000, java.util.List.of("part-00002-d.snappy.parquet")));
    }
}
