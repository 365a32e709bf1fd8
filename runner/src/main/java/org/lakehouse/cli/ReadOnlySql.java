package org.lakehouse.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The gate of {@code lakehouse query}: only statements that cannot change the lake pass. The first keyword must
 * be SELECT, WITH, SHOW, DESCRIBE (DESC) or EXPLAIN; a query (SELECT, WITH) must also parse to a plan with no
 * command or insert in it, which catches {@code WITH ... INSERT INTO ...}. Both checks run before Spark executes
 * anything, since {@code spark.sql} runs commands eagerly.
 */
final class ReadOnlySql {
    static final Set<String> ALLOWED = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");
    private static final Set<String> QUERIES = Set.of("SELECT", "WITH");

    private ReadOnlySql() {
    }

    /** Checks {@code sql} and returns its first keyword, upper case; a statement that does not parse throws. */
    static String check(SparkSession spark, String sql) throws ParseException {
        String keyword = firstKeyword(sql);
        if (QUERIES.contains(keyword)) {
            LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(sql);
            Optional<String> write = findWrite(plan);
            if (write.isPresent()) {
                throw CliErrors.notReadOnly("this " + keyword + " statement writes (" + write.get() + ")");
            }
        }
        return keyword;
    }

    /** The statement's first keyword, upper case, after comments and opening parentheses; refused unless read-only. */
    static String firstKeyword(String sql) {
        int i = skipNoise(sql, 0);
        int start = i;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        String keyword = sql.substring(start, i).toUpperCase(Locale.ROOT);
        if (keyword.isEmpty()) {
            throw CliErrors.notReadOnly(start >= sql.length() ? "the statement is empty"
                    : "the statement does not start with a keyword");
        }
        if (!ALLOWED.contains(keyword)) {
            throw CliErrors.notReadOnly(keyword + " statements may change the lake or the session");
        }
        return keyword;
    }

    /** Skips white space, {@code --} and (nested) {@code /* *}{@code /} comments and opening parentheses. */
    private static int skipNoise(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < sql.length());
            } else {
                break;
            }
        }
        return i;
    }

    /** The name of the first node of {@code plan} that writes or runs a command, if any. */
    private static Optional<String> findWrite(LogicalPlan plan) {
        if (plan instanceof Command || plan instanceof InsertIntoStatement) {
            return Optional.of(plan.nodeName());
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            Optional<String> found = findWrite(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
