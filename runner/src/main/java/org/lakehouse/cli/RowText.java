package org.lakehouse.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders rows of text values (null = SQL NULL) as an aligned table or as CSV. Pure, so tests need no Spark. */
final class RowText {
    private static final int MIN_WIDTH = 3;

    private RowText() {
    }

    /** Spark's {@code show(n, false)} layout: borders, a header, left-aligned values, NULL for null. */
    static String table(List<String> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(MIN_WIDTH, width(columns.get(c)));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(cell(row.get(c))));
            }
        }
        StringBuilder border = new StringBuilder("+");
        for (int w : widths) {
            border.append("-".repeat(w)).append('+');
        }
        StringBuilder out = new StringBuilder().append(border).append('\n');
        line(out, columns, widths);
        out.append(border).append('\n');
        for (List<String> row : rows) {
            line(out, row.stream().map(RowText::cell).toList(), widths);
        }
        return out.append(border).append('\n').toString();
    }

    /** RFC 4180: a header line, fields quoted when they hold a comma, quote or line break; NULL is empty. */
    static String csv(List<String> columns, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        csvLine(out, columns);
        rows.forEach(r -> csvLine(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values, int[] widths) {
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            String v = values.get(c);
            out.append(v).append(" ".repeat(widths[c] - width(v))).append('|');
        }
        out.append('\n');
    }

    private static void csvLine(StringBuilder out, List<String> values) {
        List<String> fields = new ArrayList<>(values.size());
        for (String v : values) {
            if (v == null) {
                fields.add("");
            } else if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                fields.add('"' + v.replace("\"", "\"\"") + '"');
            } else {
                fields.add(v);
            }
        }
        out.append(String.join(",", fields)).append('\n');
    }

    private static String cell(String value) {
        return value == null ? "NULL" : value;
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
