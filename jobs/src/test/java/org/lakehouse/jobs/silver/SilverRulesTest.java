package org.lakehouse.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lakehouse.jobs.core.JobException;
import org.lakehouse.jobs.core.SparkSessions;
import org.lakehouse.producer.event.Catalog;
import org.lakehouse.producer.event.Product;

/** The rules file: the shipped one agrees with the producer's catalog; broken ones fail at start, naming the rule. */
class SilverRulesTest {
    private static final String BRONZE = "key BINARY, value BINARY, topic STRING, `partition` INT, `offset` BIGINT, "
            + "kafka_timestamp TIMESTAMP, format STRING";

    private static SilverRules parse(String yaml) {
        return SilverRules.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shippedRulesKnowExactlyTheCatalog() {
        SilverRules rules = SilverRules.load(Path.of(System.getProperty("lakehouse.root"), "config",
                "silver-rules.yaml"));
        assertThat(rules.cities()).as("known cities in config/silver-rules.yaml").isEqualTo(Catalog.CITIES);
        Map<String, String> products = Catalog.PRODUCTS.stream()
                .collect(Collectors.toMap(Product::code, Product::name));
        assertThat(rules.products()).as("products in config/silver-rules.yaml").isEqualTo(products);
        assertThat(rules.rules()).extracting(Rule::name).startsWith("missing_required", "wrong_type")
                .contains("non_positive_quantity", "non_positive_price", "unknown_city", "future_event_time");
        assertThat(rules.required()).contains("event_id", "event_ts");
        assertThat(SilverRules.loadDefault().rules()).as("the jar's copy").isEqualTo(rules.rules());
    }

    @Test
    void brokenFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("rules: [ {name: x"))
                .isInstanceOf(JobException.class).hasMessageContaining("test.yaml").hasMessageContaining("YAML")
                .matches(e -> ((JobException) e).invalidInput());
        assertThatThrownBy(() -> parse("required: [event_id]\n"))
                .hasMessageContaining("no `rules:`");
        assertThatThrownBy(() -> parse("rules:\n  - {name: q, expect: 'quantity > 0', action: drop}\n"))
                .hasMessageContaining("action 'drop'");
        assertThatThrownBy(() -> parse("rules:\n  - {name: q, expect: 'quantity > 0'}\n"
                + "  - {name: q, expect: 'quantity < 9'}\n")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> parse("rules:\n  - {name: malformed, expect: 'true'}\n"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> parse("required: [event_id, colour]\nrules:\n  - {name: q, expect: 'true'}\n"))
                .hasMessageContaining("'colour'");
        assertThatThrownBy(() -> parse("rules:\n  - {name: q, expect: 'true', severity: high}\n"))
                .hasMessageContaining("severity");
        assertThatThrownBy(() -> parse("required: [order_id]\nrules:\n  - {name: q, expect: 'true'}\n"))
                .as("dedup key and partition column must be required")
                .hasMessageContaining("event_id");
    }

    @Test
    void expressionsThatDoNotCompileFailAtStartNamingTheRule() {
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");
        StructType parsed = OrderParser.parse(spark.createDataFrame(java.util.List.of(), StructType.fromDDL(BRONZE)),
                SilverRules.loadDefault(), "json").schema();
        SilverRules unknownColumn = parse("required: [event_id, event_ts]\nrules:\n"
                + "  - {name: ok, expect: 'quantity > 0'}\n  - {name: typo, expect: 'quantty > 0'}\n");
        assertThatThrownBy(() -> RuleEngine.compile(spark, unknownColumn, parsed))
                .isInstanceOf(JobException.class).hasMessageContaining("rule 'typo' does not compile");
        SilverRules notBoolean = parse("required: [event_id, event_ts]\nrules:\n  - {name: amount, expect: 'quantity * 2'}\n");
        assertThatThrownBy(() -> RuleEngine.compile(spark, notBoolean, parsed))
                .hasMessageContaining("rule 'amount' gives int, not a boolean");
        SilverRules badSyntax = parse("required: [event_id, event_ts]\nrules:\n  - {name: syntax, expect: 'quantity >'}\n");
        assertThatThrownBy(() -> RuleEngine.compile(spark, badSyntax, parsed))
                .hasMessageContaining("rule 'syntax' does not compile");
        RuleEngine.compile(spark, SilverRules.loadDefault(), parsed);
    }
}
