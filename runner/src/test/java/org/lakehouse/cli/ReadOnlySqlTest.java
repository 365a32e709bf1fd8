package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The keyword gate; the plan check (WITH ... INSERT) is covered with Spark in {@link QueryCommandTest}. */
class ReadOnlySqlTest {
    @Test
    void readOnlyStatementsPassWhateverTheirCaseCommentsAndParentheses() {
        assertThat(ReadOnlySql.firstKeyword("select 1")).isEqualTo("SELECT");
        assertThat(ReadOnlySql.firstKeyword("  -- why\n /* a /* nested */ comment */ (WITH x AS (SELECT 1) SELECT *"))
                .as("comments and an opening parenthesis are skipped").isEqualTo("WITH");
        assertThat(ReadOnlySql.firstKeyword("DESC silver.orders")).isEqualTo("DESC");
        assertThat(ReadOnlySql.firstKeyword("explain insert into t values (1)"))
                .as("EXPLAIN only plans the statement").isEqualTo("EXPLAIN");
    }

    @Test
    void everythingElseIsRefusedWithTheReason() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "drop table silver.orders", "DELETE FROM t",
            "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", "VACUUM silver.orders", "SET a=b",
            "/* SELECT */ UPDATE t SET a = 1", "BEGIN SELECT 1; END"}) {
            assertThatThrownBy(() -> ReadOnlySql.firstKeyword(sql)).as("refused: %s", sql)
                    .isInstanceOf(CliUsageException.class).hasMessageContaining("read-only");
        }
        assertThatThrownBy(() -> ReadOnlySql.firstKeyword("  -- only a comment")).as("an empty statement")
                .hasMessageContaining("empty");
    }
}
