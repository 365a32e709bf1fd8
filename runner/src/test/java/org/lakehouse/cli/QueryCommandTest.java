package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.jobs.core.LakeTable;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.jobs.gold.GoldTables;

/** {@code lakehouse query} over a small Gold table written by the test: formats, time travel, refusals. */
class QueryCommandTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.getOrCreate("query-command-test");
    }

    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    /** Version 0 holds Oslo and Bergen; version 1 appends Tromsø. */
    private static void writeCityHours(Path dataDir) {
        String table = new LakePaths(dataDir).uri(LakeTable.GOLD_REVENUE_BY_CITY_HOUR);
        StructType schema = StructType.fromDDL(GoldTables.CITY_HOUR);
        Timestamp hour = Timestamp.from(Instant.parse("2024-05-01T10:00:00Z"));
        spark.createDataFrame(List.of(
                RowFactory.create("Oslo", hour, new BigDecimal("12.50"), 3L, 2L),
                RowFactory.create("Bergen, Vestland", hour, new BigDecimal("7.00"), 1L, 1L)), schema)
                .write().format("delta").save(table);
        spark.createDataFrame(List.<Row>of(RowFactory.create("Tromsø", hour, new BigDecimal("1.25"), 1L, 1L)), schema)
                .write().format("delta").mode("append").save(table);
    }

    private static CliRun query(Path dataDir, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "query";
        all[1] = "--data-dir";
        all[2] = dataDir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(all);
    }

    @Test
    void printsTableCsvAndJsonAndTravelsInTime(@TempDir Path dir) {
        writeCityHours(dir);
        String byCity = "SELECT city, revenue, units FROM gold.revenue_by_city_hour ORDER BY city";

        CliRun csv = query(dir, "--format", "csv", byCity);
        assertThat(csv.exitCode()).as(csv.describe()).isZero();
        assertThat(csv.out()).as("CSV with header, quoted comma, all three rows of the latest version")
                .isEqualTo("city,revenue,units\n\"Bergen, Vestland\",7.00,1\nOslo,12.50,3\nTromsø,1.25,1\n");

        CliRun json = query(dir, "--format", "json",
                "SELECT city, hour_start, revenue, NULL AS note FROM gold.revenue_by_city_hour VERSION AS OF 0 "
                        + "ORDER BY city");
        assertThat(json.exitCode()).as(json.describe()).isZero();
        assertThat(json.out().lines().toList()).as("version 0: one JSON object per row, nulls kept").containsExactly(
                "{\"city\":\"Bergen, Vestland\",\"hour_start\":\"2024-05-01T10:00:00.000Z\",\"revenue\":7.00,"
                        + "\"note\":null}",
                "{\"city\":\"Oslo\",\"hour_start\":\"2024-05-01T10:00:00.000Z\",\"revenue\":12.50,\"note\":null}");

        CliRun table = query(dir, "--limit", "2", byCity);
        assertThat(table.exitCode()).as(table.describe()).isZero();
        assertThat(table.out()).as("aligned table, cut at --limit").isEqualTo("""
                +----------------+-------+-----+
                |city            |revenue|units|
                +----------------+-------+-----+
                |Bergen, Vestland|7.00   |1    |
                |Oslo            |12.50  |3    |
                +----------------+-------+-----+
                (2 rows, more not shown)
                """);
        assertThat(table.err()).as("the cut is announced").contains("--limit");
    }

    @Test
    void refusesWritesAndExplainsBadQueries(@TempDir Path dir) {
        writeCityHours(dir);
        for (String sql : new String[] {
            "DELETE FROM gold.revenue_by_city_hour",
            "WITH x AS (SELECT * FROM gold.revenue_by_city_hour) INSERT INTO gold.revenue_by_city_hour SELECT * FROM x",
            "SELECT 1; DROP TABLE gold.revenue_by_city_hour"}) {
            CliRun r = query(dir, sql);
            assertThat(r.exitCode()).as("usage error for %s; %s", sql, r.describe()).isEqualTo(2);
            assertThat(r.err()).as("what and why for %s", sql).containsAnyOf("read-only", "cannot run");
        }
        CliRun history = query(dir, "--format", "json", "DESCRIBE HISTORY gold.revenue_by_city_hour");
        assertThat(history.out().lines()).as("no commit beyond the test's two; %s", history.describe()).hasSize(2);
        CliRun count = query(dir, "--format", "csv", "SELECT count(*) AS n FROM gold.revenue_by_city_hour");
        assertThat(count.out()).as("the table is unchanged; %s", count.describe()).isEqualTo("n\n3\n");

        CliRun missing = query(dir, "SELECT * FROM silver.orders");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.err()).as("names the missing table and the ones that exist")
                .contains("TABLE_OR_VIEW_NOT_FOUND").contains("Tables under " + dir + ": gold.revenue_by_city_hour");
    }
}
