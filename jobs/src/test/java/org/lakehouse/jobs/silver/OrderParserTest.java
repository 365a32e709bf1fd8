package org.lakehouse.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.apache.spark.sql.types.StructType;
import org.lakehouse.jobs.core.SparkSessions;

/** The SQL building blocks of {@link OrderParser}, evaluated by Spark. */
class OrderParserTest {
    private final SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");

    @Test
    void namesWhereListsTheNamesWhoseConditionIsTrueInOrderWithRepeatsAndNullAsFalse() {
        String sql = OrderParser.namesWhere(List.of(
                new OrderParser.Flag("b", "1 = 1"),
                new OrderParser.Flag("skipped", "1 = 2"),
                new OrderParser.Flag("unknown", "CAST(NULL AS BOOLEAN)"),
                new OrderParser.Flag("a", "true"),
                new OrderParser.Flag("b", "true"),
                new OrderParser.Flag("it's", "true")));

        Row row = spark.sql("SELECT " + sql + " AS names, " + OrderParser.namesWhere(List.of()) + " AS none")
                .collectAsList().get(0);

        assertThat(row.<String>getList(0)).containsExactly("b", "a", "b", "it's");
        assertThat(row.<String>getList(1)).isEmpty();
    }

    @Test
    void inIsFalseForNoValuesAndQuotesValues() {
        Row row = spark.sql("SELECT " + OrderParser.in("'it''s'", List.of("x", "it's")) + ", "
                + OrderParser.in("'x'", List.of()) + ", " + OrderParser.in("CAST(NULL AS STRING)", List.of("x")))
                .collectAsList().get(0);

        assertThat(row.getBoolean(0)).isTrue();
        assertThat(row.getBoolean(1)).isFalse();
        assertThat(row.isNullAt(2)).as("NULL stays unknown, so a CASE falls through to the mapped value").isTrue();
    }

    @Test
    void canonicalAndVariantSpellingsStandardizeAlikeAndUnknownValuesStayTrimmed() {
        List<Row> bronze = List.of(
                bronze("Berlin", "P-1001", "json"),
                bronze(" berlin ", " p-1001 ", "JSON"),
                bronze("BERLIN", "P-1001", null),
                bronze(" Atlantis ", " x-1 ", "json"));

        List<String> parsed = OrderParser.parse(spark.createDataFrame(bronze, StructType.fromDDL(
                        "key BINARY, value BINARY, topic STRING, `partition` INT, `offset` BIGINT, "
                                + "kafka_timestamp TIMESTAMP, format STRING")), SilverRules.loadDefault(), "json")
                .selectExpr("concat_ws('|', format, city, product_code, product_name)")
                .collectAsList().stream().map(r -> r.getString(0)).toList();

        assertThat(parsed).containsExactly(
                "json|Berlin|P-1001|Espresso Machine",
                "json|Berlin|P-1001|Espresso Machine",
                "json|Berlin|P-1001|Espresso Machine",
                "json|Atlantis|X-1|Mystery");
    }

    private static Row bronze(String city, String productCode, String format) {
        String json = "{\"schema_version\": 1, \"event_id\": \"e\", \"order_id\": \"o\", \"customer_id\": \"c\", "
                + "\"product\": {\"code\": \"" + productCode + "\", \"name\": \" Mystery \"}, \"quantity\": 1, "
                + "\"unit_price\": 2.50, \"currency\": \"EUR\", \"city\": \"" + city + "\", "
                + "\"event_ts\": \"2026-12-02T10:00:00Z\"}";
        return RowFactory.create(null, json.getBytes(StandardCharsets.UTF_8), "orders", 0, 1L,
                Timestamp.valueOf("2026-12-02 10:00:00"), format);
    }
}
