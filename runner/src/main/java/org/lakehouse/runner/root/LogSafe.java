package org.lakehouse.runner.root;

/**
 * Makes user-controlled text (file names, ids, params, error texts that quote them) safe to put in a log line, a
 * console cell or a terminal: control characters, line and paragraph separators, bidi overrides and lone
 * surrogates are escaped as {@code \}{@code uXXXX}, and the length is capped, so a name can never forge a log line.
 */
public final class LogSafe {
    /** Code points shown before the text is cut with "...". */
    public static final int MAX_CODE_POINTS = 120;

    private LogSafe() {
    }

    /** {@code s} escaped and capped at {@link #MAX_CODE_POINTS}; {@code "null"} for null. */
    public static String text(String s) {
        return text(s, MAX_CODE_POINTS);
    }

    /** {@code s} escaped and capped at {@code max} code points. */
    public static String text(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        int[] n = {0};
        s.codePoints().limit(max).forEach(c -> {
            n[0]++;
            if (unsafe(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > max ? b + "..." : b.toString();
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || Character.getType(c) == Character.SURROGATE
                || c == 0xfffd;
    }
}
