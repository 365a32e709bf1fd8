package org.lakehouse.producer.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON encoding through Jackson's streaming generator. A wrong-typed field is written as a JSON token that
 * Spark's typed parser cannot coerce (a word for a number, a boolean for a timestamp, a string for an object).
 */
public final class JsonEventEncoder implements EventEncoder {
    public static final String SCHEMA_NAME = "order_event.v1";

    /** Field names pre-encoded once: escaping them for every record was the encoder's largest cost. */
    private static final SerializedString[] NAMES = java.util.Arrays.stream(EventField.values())
            .map(f -> new SerializedString(f.wireName())).toArray(SerializedString[]::new);
    private static final SerializedString CODE = new SerializedString("code");
    private static final SerializedString NAME = new SerializedString("name");

    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final IsoMillis isoMillis = new IsoMillis();

    @Override
    public EventFormat format() {
        return EventFormat.JSON;
    }

    @Override
    public String schemaName() {
        return SCHEMA_NAME;
    }

    @Override
    public byte[] encode(OrderEvent e, Distortion distortion) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (EventField field : EventField.values()) {
                if (distortion instanceof Distortion.MissingField m && m.field() == field) {
                    continue;
                }
                g.writeFieldName(NAMES[field.ordinal()]);
                if (distortion instanceof Distortion.WrongType w && w.field() == field) {
                    writeWrongType(g, field);
                } else {
                    writeValue(g, field, e);
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("JSON encoding of event " + e.eventId() + " failed", ex);
        }
        return buffer.toByteArray();
    }

    private void writeValue(JsonGenerator g, EventField field, OrderEvent e) throws IOException {
        switch (field) {
            case SCHEMA_VERSION -> g.writeNumber(e.schemaVersion());
            case EVENT_ID -> g.writeString(e.eventId().toString());
            case ORDER_ID -> g.writeString(e.orderId());
            case CUSTOMER_ID -> g.writeString(e.customerId());
            case PRODUCT -> {
                g.writeStartObject();
                g.writeFieldName(CODE);
                g.writeString(e.productCode());
                g.writeFieldName(NAME);
                g.writeString(e.productName());
                g.writeEndObject();
            }
            case QUANTITY -> g.writeNumber(e.quantity());
            case UNIT_PRICE -> g.writeNumber(e.unitPrice());
            case CURRENCY -> g.writeString(e.currency());
            case CITY -> g.writeString(e.city());
            case EVENT_TS -> g.writeString(isoMillis.format(e.eventTs()));
        }
    }

    private static void writeWrongType(JsonGenerator g, EventField field) throws IOException {
        switch (field) {
            case QUANTITY -> g.writeString("two");
            case UNIT_PRICE -> g.writeString("cheap");
            case EVENT_TS -> g.writeBoolean(true);
            case PRODUCT -> g.writeString("P-1001");
            default -> throw new IllegalArgumentException(
                    "No wrong-type variant for " + field + ": Spark would coerce any JSON token to a string");
        }
    }
}
