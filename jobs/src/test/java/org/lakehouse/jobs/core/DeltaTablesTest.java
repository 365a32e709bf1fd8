package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeltaTables#ensure} on a table an earlier version created: missing columns are added in place at their
 * declared places and read as NULL in the rows written before; a column of another type is refused; a table already
 * up to date gets no commit.
 */
class DeltaTablesTest {
    private static final String OLD = "id STRING, n BIGINT";
    /** Two columns inserted between the old ones, one appended. */
    private static final String NEW = "id STRING, flag BOOLEAN, tags ARRAY<STRING>, n BIGINT, "
            + "by_rule MAP<STRING, BIGINT>";

    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    private long version(LakePaths paths, LakeTable table) {
        return DeltaTable.forPath(spark, paths.uri(table)).history(1).select("version").first().getLong(0);
    }

    @Test
    void missingColumnsAreAddedInPlaceAtTheirDeclaredPlacesAndReadAsNullInOldRows(@TempDir Path dir) {
        LakePaths paths = new LakePaths(dir);
        LakeTable table = LakeTable.SILVER_DUPLICATES;
        assertThat(DeltaTables.ensure(spark, paths, table, OLD, DeltaTables.statsColumns("id"))).as("created")
                .isTrue();
        spark.createDataFrame(List.of(RowFactory.create("a", 1L), RowFactory.create("b", 2L)),
                StructType.fromDDL(OLD)).write().format("delta").mode("append").save(paths.uri(table));
        long before = version(paths, table);
        List<String> filesBefore = files(paths, table);

        assertThat(DeltaTables.ensure(spark, paths, table, NEW, DeltaTables.statsColumns("id")))
                .as("an existing table is not created again").isFalse();

        StructType schema = spark.read().format("delta").load(paths.uri(table)).schema();
        assertThat(schema.fieldNames()).as("columns in declared order").containsExactly("id", "flag", "tags", "n",
                "by_rule");
        assertThat(schema.simpleString()).isEqualTo(StructType.fromDDL(NEW).simpleString());
        assertThat(Arrays.stream(schema.fields()).allMatch(f -> f.nullable())).as("all nullable").isTrue();
        List<Row> rows = spark.read().format("delta").load(paths.uri(table)).orderBy("id").collectAsList();
        assertThat(rows).extracting(Row::toString).as("old rows read the new columns as NULL")
                .containsExactly("[a,null,null,1,null]", "[b,null,null,2,null]");
        assertThat(version(paths, table)).as("one commit").isEqualTo(before + 1);
        assertThat(files(paths, table)).as("no file rewritten").isEqualTo(filesBefore);
        Row detail = DeltaTable.forPath(spark, paths.uri(table)).detail()
                .select("minReaderVersion", "minWriterVersion").first();
        assertThat(List.of(detail.getInt(0), detail.getInt(1))).as("protocol unchanged (no table feature)")
                .containsExactly(1, 2);

        assertThat(DeltaTables.addMissingColumns(spark, paths, table, StructType.fromDDL(NEW)))
                .as("up to date: nothing to add").isEmpty();
        assertThat(version(paths, table)).as("no commit when nothing is missing").isEqualTo(before + 1);
        spark.createDataFrame(List.of(RowFactory.create("c", true, List.of("x"), 3L, Map.of("r", 1L))),
                StructType.fromDDL(NEW)).write().format("delta").mode("append").save(paths.uri(table));
        assertThat(spark.read().format("delta").load(paths.uri(table)).where("flag").count())
                .as("new rows carry the new columns").isEqualTo(1);
    }

    @Test
    void aColumnOfAnotherTypeIsRefusedSayingWhatWhyAndHowToFix(@TempDir Path dir) {
        LakePaths paths = new LakePaths(dir);
        LakeTable table = LakeTable.GOLD_QUALITY_BY_HOUR;
        DeltaTables.ensure(spark, paths, table, "hour_start TIMESTAMP, duplicates STRING");
        long before = version(paths, table);

        assertThatThrownBy(() -> DeltaTables.ensure(spark, paths, table,
                "hour_start TIMESTAMP, duplicates BIGINT, conflicting_duplicates BIGINT"))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("gold.quality_by_hour")
                .hasMessageContaining(paths.uri(table))
                .hasMessageContaining("column duplicates of type string")
                .hasMessageContaining("writes it as bigint")
                .hasMessageContaining("never change a column's type")
                .hasMessageContaining("lakehouse job gold --reset")
                .matches(e -> ((JobException) e).invalidInput(), "a usage error (exit 2)")
                .matches(e -> !((JobException) e).retriable(), "not retriable");
        assertThat(version(paths, table)).as("nothing added to a refused table").isEqualTo(before);
    }

    private List<String> files(LakePaths paths, LakeTable table) {
        return Arrays.stream(DeltaTable.forPath(spark, paths.uri(table)).toDF().inputFiles()).sorted().toList();
    }
}
