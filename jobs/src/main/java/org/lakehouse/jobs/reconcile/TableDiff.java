package org.lakehouse.jobs.reconcile;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Compares two datasets as multisets of rows and words the difference, with a few examples of each side. */
final class TableDiff {
    private static final int EXAMPLES = 5;

    private TableDiff() {
    }

    /** Adds a difference to {@code out} unless {@code actual} and {@code expected} hold exactly the same rows. */
    static void compare(String what, String actualName, Dataset<Row> actual, String expectedName,
            Dataset<Row> expected, List<String> out) {
        Dataset<Row> extra = actual.exceptAll(expected).cache();
        Dataset<Row> missing = expected.exceptAll(actual).cache();
        try {
            long extraCount = extra.count();
            long missingCount = missing.count();
            if (extraCount == 0 && missingCount == 0) {
                return;
            }
            out.add(what + ": " + extraCount + " row(s) only in " + actualName + examples(extra) + "; "
                    + missingCount + " row(s) only in " + expectedName + examples(missing));
        } finally {
            extra.unpersist();
            missing.unpersist();
        }
    }

    private static String examples(Dataset<Row> rows) {
        List<Row> sample = rows.limit(EXAMPLES).collectAsList();
        return sample.isEmpty() ? "" : " e.g. " + sample.stream().map(Row::toString).collect(Collectors.joining(" "));
    }
}
