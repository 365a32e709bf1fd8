package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTextTest {
    private static final List<String> COLUMNS = List.of("city", "n");
    private static final List<List<String>> ROWS = List.of(List.of("Oslo", "1"),
            Arrays.asList("São Paulo, SP", null), List.of("say \"hi\"", "22"));

    @Test
    void tableAlignsEveryValueWithoutTruncating() {
        assertThat(RowText.table(COLUMNS, ROWS)).as("Spark's show(n, false) layout, NULL for null").isEqualTo("""
                +-------------+----+
                |city         |n   |
                +-------------+----+
                |Oslo         |1   |
                |São Paulo, SP|NULL|
                |say "hi"     |22  |
                +-------------+----+
                """);
    }

    @Test
    void csvQuotesWhereNeededAndLeavesNullEmpty() {
        assertThat(RowText.csv(COLUMNS, ROWS)).as("RFC 4180 with a header")
                .isEqualTo("city,n\nOslo,1\n\"São Paulo, SP\",\n\"say \"\"hi\"\"\",22\n");
    }
}
