package org.lakehouse.producer.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written JSON must be byte for byte what Jackson's default generator writes (it was, before). */
class JsonBufferTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    private interface Write {
        void to(JsonGenerator g) throws IOException;
    }

    private static String jackson(Write write) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            write.to(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String ours(java.util.function.Consumer<JsonBuffer> write) {
        JsonBuffer b = new JsonBuffer();
        write.accept(b);
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Berlin", "  Espresso Machine ", "quote \" and \\ backslash", "tab\tnew\nline\r",
        "\b\f\u0000\u0001\u001f\u007f", "Zürich Kraków", "€ ∑ 中文", "emoji \uD83D\uDE00 pair", "unpaired \uD83D", "\uDE00 low first", "slash / stays"})
    void stringsAreEscapedAndEncodedLikeJackson(String s) throws IOException {
        assertThat(ours(b -> b.string(s))).as("JSON of %s", s).isEqualTo(jackson(g -> g.writeString(s)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "0.05", "-0.05", "12.49", "-100.00", "249.00", "123456789012.34", "1.5", "7",
        "-3.125", "1E+3", "0.0000001", "92233720368547758.07", "-92233720368547758.09"})
    void decimalsAreWrittenLikeJackson(String decimal) throws IOException {
        BigDecimal v = new BigDecimal(decimal);
        assertThat(ours(b -> b.decimal(v))).as("JSON of %s", decimal).isEqualTo(jackson(g -> g.writeNumber(v)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 9, 10, 99, 100, 49_999, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE})
    void numbersAreWrittenLikeJackson(long v) throws IOException {
        assertThat(ours(b -> b.number(v))).as("JSON of %d", v).isEqualTo(jackson(g -> g.writeNumber(v)));
    }

    @Test
    void uuidsAreWrittenInTheirStringForm() {
        UUID id = new UUID(0x0123456789abcdefL, 0xfedcba9876543210L);
        assertThat(ours(b -> b.uuid(id))).isEqualTo("\"" + id + "\"");
        UUID small = new UUID(0, 1);
        assertThat(ours(b -> b.uuid(small))).isEqualTo("\"" + small + "\"");
    }

    @Test
    void aWholeEventHasTheDocumentedForm() {
        OrderEvent e = new OrderEvent(1, new UUID(0x3f1c000000004000L, 0x8000000000000001L), "ORD-9a0e4c2b7d115f03",
                "C-01234", "P-1001", "Espresso Machine", 2, new BigDecimal("249.99"), "EUR", "Berlin",
                Instant.parse("2026-11-22T01:04:59.120Z"));
        String json = new String(new JsonEventEncoder().encode(e, Distortion.NONE), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"schema_version\":1,\"event_id\":\"3f1c0000-0000-4000-8000-000000000001\","
                + "\"order_id\":\"ORD-9a0e4c2b7d115f03\",\"customer_id\":\"C-01234\","
                + "\"product\":{\"code\":\"P-1001\",\"name\":\"Espresso Machine\"},\"quantity\":2,"
                + "\"unit_price\":249.99,\"currency\":\"EUR\",\"city\":\"Berlin\","
                + "\"event_ts\":\"2026-11-22T01:04:59.120Z\"}");
        String missing = new String(new JsonEventEncoder().encode(e,
                new Distortion.MissingField(EventField.EVENT_ID)), StandardCharsets.UTF_8);
        assertThat(missing).as("event without event_id").startsWith("{\"schema_version\":1,\"order_id\":");
        String wrong = new String(new JsonEventEncoder().encode(e,
                new Distortion.WrongType(EventField.EVENT_TS)), StandardCharsets.UTF_8);
        assertThat(wrong).as("event with a boolean event_ts").endsWith(",\"event_ts\":true}");
    }
}
