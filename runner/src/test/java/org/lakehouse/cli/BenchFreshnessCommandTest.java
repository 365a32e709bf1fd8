package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench freshness} at a small size on the embedded broker: one well-formed RESULT line, a latency for every
 * valid order, reconcile OK (the figures themselves come from running the benchmark, not from tests).
 */
class BenchFreshnessCommandTest {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT freshness_p50_ms=(\\d+) p99_ms=(\\d+) events_per_s=(\\d+) gold_commits=(\\d+)\\R");
    private static final Pattern ORDERS = Pattern.compile("orders: (\\d+) valid, (\\d+) with a latency;");

    @BeforeEach
    void forgetTables(@TempDir Path empty) {
        CliRun.forgetLakeTables(empty);
    }

    @Test
    void aSmallRunMeasuresEveryValidOrderAndReconciles() {
        CliRun r = CliRun.run("bench", "freshness", "--rate", "200", "--duration", "10");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Matcher result = RESULT.matcher(r.out());
        assertThat(result.matches()).as("stdout is exactly one RESULT line: %s", r.out()).isTrue();
        long p50 = Long.parseLong(result.group(1));
        long p99 = Long.parseLong(result.group(2));
        assertThat(p50).as("p50 is positive and at most p99").isPositive().isLessThanOrEqualTo(p99);
        assertThat(Long.parseLong(result.group(3))).as("the achieved send rate").isBetween(150L, 250L);
        assertThat(Long.parseLong(result.group(4))).as("Gold commits that counted orders").isPositive();
        Matcher orders = ORDERS.matcher(r.err());
        assertThat(orders.find()).as(r.describe()).isTrue();
        assertThat(orders.group(2)).as("every valid order got a latency").isEqualTo(orders.group(1));
        assertThat(Long.parseLong(orders.group(1))).as("valid orders among 2 000 sent").isBetween(1000L, 2000L);
        assertThat(r.err()).contains("hops: bronze=").contains("reconcile=OK");
    }

    @Test
    void aRateOrDurationThatSendsNothingIsAUsageError() {
        assertThat(CliRun.run("bench", "freshness", "--rate", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("bench", "freshness", "--duration", "0").exitCode()).isEqualTo(2);
    }
}
