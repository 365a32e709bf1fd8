package org.lakehouse.jobs.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Evaluates the rules on parsed rows. Adds three arrays that list, in rule order, the rules a row failed:
 * {@code quarantine_reasons}, {@code warnings} and {@code fail_reasons}. A rule fails when its expression is FALSE
 * or NULL, so nothing falls through on a missing value. An undecodable row gets {@code [malformed]} and no other
 * rule runs on it: there are no fields to judge.
 */
public final class RuleEngine {
    private RuleEngine() {
    }

    /** Compiles every rule against the parsed schema; a rule that does not compile fails the run before it reads. */
    public static void compile(SparkSession spark, SilverRules rules, StructType parsedSchema) {
        Dataset<Row> empty = spark.createDataFrame(List.of(), parsedSchema);
        for (Rule rule : rules.rules()) {
            DataType type;
            try {
                type = empty.selectExpr(rules.expand(rule)).schema().fields()[0].dataType();
            } catch (Exception e) { // AnalysisException (checked, thrown undeclared by Scala) and ParseException
                throw rules.fail("rule '" + rule.name() + "' does not compile: "
                        + org.lakehouse.jobs.core.JobErrors.firstLine(String.valueOf(e.getMessage())), e);
            }
            if (!(type instanceof BooleanType)) {
                throw rules.fail("rule '" + rule.name() + "' gives " + type.simpleString()
                        + ", not a boolean: write a condition good rows satisfy, e.g. `quantity > 0`", null);
            }
        }
    }

    /** {@code parsed} plus the three reason arrays. */
    public static Dataset<Row> evaluate(Dataset<Row> parsed, SilverRules rules) {
        return parsed
                .selectExpr("*",
                        reasons(rules, RuleAction.QUARANTINE, "array('" + SilverRules.MALFORMED + "')")
                                + " AS quarantine_reasons",
                        reasons(rules, RuleAction.WARN, "array()") + " AS warnings",
                        reasons(rules, RuleAction.FAIL, "array()") + " AS fail_reasons");
    }

    private static String reasons(SilverRules rules, RuleAction action, String whenUndecodable) {
        List<Rule> selected = rules.rules().stream().filter(r -> r.action() == action).toList();
        String failed = OrderParser.namesWhere(selected.stream()
                .map(r -> new OrderParser.Flag(r.name(), "NOT coalesce((" + rules.expand(r) + "), false)"))
                .toList());
        return "CAST(CASE WHEN parse_error IS NOT NULL THEN " + whenUndecodable + " ELSE " + failed
                + " END AS ARRAY<STRING>)";
    }
}
