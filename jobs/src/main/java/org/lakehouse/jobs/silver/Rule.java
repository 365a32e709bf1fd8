package org.lakehouse.jobs.silver;

/**
 * One data-quality expectation: a Spark SQL boolean expression that a good row satisfies. FALSE and NULL both fail.
 */
public record Rule(String name, String expect, RuleAction action) {
    public Rule {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("rule name '" + name + "' must be snake_case");
        }
        if (expect == null || expect.isBlank()) {
            throw new IllegalArgumentException("rule " + name + " has no expect expression");
        }
        action = action == null ? RuleAction.QUARANTINE : action;
    }
}
