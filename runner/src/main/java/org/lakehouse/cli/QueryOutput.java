package org.lakehouse.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;

/**
 * Collects at most {@code limit} rows of a query as text. Values are converted inside Spark, as {@code show} does
 * it: casts to string in the session time zone, binary as hex bytes; for JSON, Spark's own {@code to_json}.
 */
final class QueryOutput {
    /** Rows of text values (null = NULL), and whether the query had more than were collected. */
    record Text(List<String> columns, List<List<String>> rows, boolean truncated) {
    }

    /** JSON lines, and whether the query had more rows than were collected. */
    record Json(List<String> lines, boolean truncated) {
    }

    private QueryOutput() {
    }

    /** One row more than printed, to tell whether there were more. */
    private static int probe(int limit) {
        return limit == Integer.MAX_VALUE ? limit : limit + 1;
    }

    static Text collectText(Dataset<Row> result, int limit) {
        StructField[] fields = result.schema().fields();
        // positional names: the result may hold two columns of the same name (SELECT * over a join)
        String[] positional = new String[fields.length];
        Column[] asText = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            positional[i] = "c" + i;
            asText[i] = fields[i].dataType() instanceof BinaryType
                    ? concat(lit("["), regexp_replace(hex(col(positional[i])), "(..)(?=.)", "$1 "), lit("]"))
                    : col(positional[i]).cast("string");
        }
        List<Row> rows = result.toDF(positional).select(asText).limit(probe(limit)).collectAsList();
        List<List<String>> values = new ArrayList<>();
        for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            List<String> line = new ArrayList<>(fields.length);
            for (int i = 0; i < fields.length; i++) {
                line.add(row.isNullAt(i) ? null : row.getString(i));
            }
            values.add(line);
        }
        return new Text(Arrays.stream(fields).map(StructField::name).toList(), values, rows.size() > limit);
    }

    /** One JSON object per row, nulls included. */
    static Json collectJson(Dataset<Row> result, int limit) {
        List<String> lines = result.select(to_json(struct(col("*")), Map.of("ignoreNullFields", "false")))
                .limit(probe(limit)).as(Encoders.STRING()).collectAsList();
        return new Json(lines.subList(0, Math.min(limit, lines.size())), lines.size() > limit);
    }
}
