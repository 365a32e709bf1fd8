package org.lakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.avro.functions.from_avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.lakehouse.jobs.core.ScalaSeqs;

/**
 * Bronze rows to parsed, typed and standardized candidate rows. JSON is read with the typed schema and, only when
 * that left a field null or flagged the record as corrupt, a second time with every field as text, so a field that
 * is present but of the wrong type is told apart from a missing one. *Why only then:* a record whose every typed
 * field is non-null parsed cleanly, so every field is present and none has the wrong type, which is all the text
 * parse could tell; the valid majority is parsed once. Avro is read with {@code config/schemas/order_event.avsc}. Both run in permissive mode: undecodable bytes give a
 * {@code parse_error}, never a failure or a silent null. Spark's permissive Avro reader turns bytes it cannot decode
 * into a record whose every field is null, so such a record counts as undecodable: it carries nothing to check.
 */
public final class OrderParser {
    /** The event's top-level fields, in schema order. */
    public static final List<String> FIELDS = List.of("schema_version", "event_id", "order_id", "customer_id",
            "product", "quantity", "unit_price", "currency", "city", "event_ts");
    static final String TYPED_SCHEMA = "schema_version INT, event_id STRING, order_id STRING, customer_id STRING, "
            + "product STRUCT<code: STRING, name: STRING>, quantity INT, unit_price DECIMAL(18,2), currency STRING, "
            + "city STRING, event_ts TIMESTAMP";
    /** The typed schema plus the corrupt-record column: the first (and usually only) JSON parse. */
    static final String TYPED_JSON_SCHEMA = TYPED_SCHEMA + ", _corrupt_record STRING";
    static final String TEXT_SCHEMA = FIELDS.stream().map(f -> f + " STRING").collect(Collectors.joining(", "))
            + ", _corrupt_record STRING";
    /** The Bronze columns {@link #parse} reads. */
    public static final List<String> INPUT_COLUMNS = List.of("key", "value", "topic", "partition", "offset",
            "kafka_timestamp", "format");
    static final String AVRO_SCHEMA_RESOURCE = "/schemas/order_event.avsc";
    /** An empty list of names, typed. */
    private static final String NO_NAMES = "CAST(array() AS ARRAY<STRING>)";

    private OrderParser() {
    }

    public static String avroSchema() {
        try (InputStream in = OrderParser.class.getResourceAsStream(AVRO_SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IOException(AVRO_SCHEMA_RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the Avro schema", e);
        }
    }

    /**
     * @param bronze rows with at least the {@link #INPUT_COLUMNS}
     * @param defaultFormat the format of rows without a content-type header
     */
    public static Dataset<Row> parse(Dataset<Row> bronze, SilverRules rules, String defaultFormat) {
        Map<String, String> jsonOptions = new HashMap<>();
        jsonOptions.put("mode", "PERMISSIVE");
        jsonOptions.put("columnNameOfCorruptRecord", "_corrupt_record");
        Column text = col("value").cast("string");
        Column isJson = col("_fmt").equalTo("json");
        // _j: the typed parse with the corrupt-record column, so a clean parse is known without the text parse
        Column cleanJson = col("_j").isNotNull().and(col("_j._corrupt_record").isNull());
        for (String f : FIELDS) {
            cleanJson = cleanJson.and(col("_j." + f).isNotNull());
        }
        Dataset<Row> decoded = bronze
                .withColumn("_fmt", expr("coalesce(" + keptIfIn("format", List.of("json", "avro"), "lower(format)")
                        + ", " + sqlString(defaultFormat.toLowerCase(Locale.ROOT)) + ")"))
                .withColumn("_j", when(isJson, from_json(text, DataType.fromDDL(TYPED_JSON_SCHEMA), jsonOptions)))
                .withColumn("_text_needed", isJson.and(not(cleanJson)))
                .withColumn("_text", when(col("_text_needed"),
                        from_json(text, DataType.fromDDL(TEXT_SCHEMA), jsonOptions)))
                .withColumn("_t", when(isJson, col("_j").dropFields(ScalaSeqs.of("_corrupt_record")))
                        .when(col("_fmt").equalTo("avro"),
                                from_avro(col("value"), avroSchema(), Map.of("mode", "PERMISSIVE"))));
        return decoded.selectExpr(projection(rules).toArray(String[]::new));
    }

    private static List<String> projection(SilverRules rules) {
        String cityMap = rules.cities().isEmpty() ? "map()" : "map(" + rules.cities().stream()
                .map(c -> sqlString(c.toLowerCase(Locale.ROOT)) + ", " + sqlString(c))
                .collect(Collectors.joining(", ")) + ")";
        String productMap = rules.products().isEmpty() ? "map()" : "map(" + rules.products().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> sqlString(e.getKey()) + ", " + sqlString(e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
        // canonical spellings skip the case mapping: Spark's lower/upper go through ICU and a Java string per row
        // (only for plain ASCII spellings, which the mapping would leave as they are)
        String productCode = keptIfIn("_t.product.code", rules.products().keySet().stream()
                .filter(k -> plainAscii(k) && k.equals(k.toUpperCase(Locale.ROOT))).toList(),
                "upper(trim(_t.product.code))");
        String missing = namesWhere(rules.required().stream()
                .map(f -> new Flag(f, "NOT " + present(f))).toList());
        String wrongType = namesWhere(FIELDS.stream()
                .map(f -> new Flag(f, present(f) + " AND _t." + f + " IS NULL")).toList());
        String parseError = "CASE WHEN value IS NULL THEN 'empty value (null)'"
                + " WHEN octet_length(value) = 0 THEN 'empty value'"
                + " WHEN _fmt NOT IN ('json', 'avro') THEN concat('unsupported format: ', _fmt)"
                + " WHEN _fmt = 'json' AND NOT is_valid_utf8(CAST(value AS STRING)) THEN 'not valid UTF-8'"
                + " WHEN _text_needed AND (_text IS NULL OR _text._corrupt_record IS NOT NULL)"
                + " THEN 'not a JSON object'"
                + " WHEN _fmt = 'avro' AND (_t IS NULL OR (" + FIELDS.stream().map(f -> "_t." + f + " IS NULL")
                        .collect(Collectors.joining(" AND ")) + ")) THEN 'not decodable as Avro with order_event.avsc'"
                + " END";
        return List.of("key", "value", "topic", "partition", "offset", "kafka_timestamp", "_fmt AS format",
                parseError + " AS parse_error",
                "_t.schema_version AS schema_version",
                "_t.event_id AS event_id",
                "_t.order_id AS order_id",
                "_t.customer_id AS customer_id",
                productCode + " AS product_code",
                "coalesce(try_element_at(" + productMap + ", " + productCode + "), trim(_t.product.name))"
                        + " AS product_name",
                "_t.quantity AS quantity",
                "_t.unit_price AS unit_price",
                "upper(trim(_t.currency)) AS currency",
                keptIfIn("_t.city", rules.cities().stream().filter(OrderParser::plainAscii).toList(),
                        "coalesce(try_element_at(" + cityMap + ", lower(trim(_t.city))), trim(_t.city))") + " AS city",
                "_t.event_ts AS event_ts",
                "CAST(" + missing + " AS ARRAY<STRING>) AS missing_fields",
                "CAST(" + wrongType + " AS ARRAY<STRING>) AS wrong_type_fields");
    }

    /**
     * Whether the wire carried field {@code f} with a non-null value (JSON: as any type). A typed value is present;
     * a JSON field the typed parse left null is read from the text parse, which ran for exactly those records.
     */
    private static String present(String f) {
        return "(_t." + f + " IS NOT NULL OR (_text_needed AND _text." + f + " IS NOT NULL))";
    }

    /** A name and the SQL condition under which a row lists it. */
    record Flag(String name, String condition) {
    }

    /**
     * SQL for the array of the names whose condition is true, in order (a NULL condition counts as false):
     * {@code concat(IF(c1, array('n1'), array()), ...)}. *Why concat:* the branches are constant arrays, so a row
     * costs its conditions and one concatenation. The forms before, {@code array_except(array(...), array(NULL))}
     * and {@code filter} with a lambda, built a hash set per row or were evaluated interpreted (a higher-order
     * function is, with every expression inside it).
     */
    static String namesWhere(List<Flag> flags) {
        if (flags.isEmpty()) {
            return NO_NAMES;
        }
        return "concat(" + flags.stream()
                .map(f -> "IF(" + f.condition() + ", array(" + sqlString(f.name()) + "), " + NO_NAMES + ")")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** SQL: whether {@code sql} is one of {@code values} (false for none). */
    static String in(String sql, Collection<String> values) {
        return values.isEmpty() ? "false"
                : sql + " IN (" + values.stream().sorted().map(OrderParser::sqlString)
                        .collect(Collectors.joining(", ")) + ")";
    }

    /** Printable ASCII without surrounding blanks: case mappings and {@code trim} agree on it in every locale. */
    private static boolean plainAscii(String s) {
        return !s.isEmpty() && s.equals(s.strip()) && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** SQL: {@code sql} as it is when it is one of the canonical {@code values}, else {@code otherwise}. */
    private static String keptIfIn(String sql, Collection<String> values, String otherwise) {
        return "CASE WHEN " + in(sql, values) + " THEN " + sql + " ELSE " + otherwise + " END";
    }

    static String sqlString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
