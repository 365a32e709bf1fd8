package org.lakehouse.producer.event;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;

/**
 * JSON encoding, written straight into a reused buffer (byte for byte what Jackson's default generator wrote
 * before, at a fraction of the cost). A wrong-typed field is written as a JSON token that Spark's typed parser
 * cannot coerce (a word for a number, a boolean for a timestamp, a string for an object).
 */
public final class JsonEventEncoder implements EventEncoder {
    public static final String SCHEMA_NAME = "order_event.v1";

    /** {@code "name":} of every field, pre-encoded. */
    private static final byte[][] NAMES = Arrays.stream(EventField.values())
            .map(f -> ascii('"' + f.wireName() + "\":")).toArray(byte[][]::new);
    private static final byte[] PRODUCT_CODE = ascii("{\"code\":");
    private static final byte[] PRODUCT_NAME = ascii(",\"name\":");
    private static final byte[] TRUE = ascii("true");
    private static final EventField[] FIELDS = EventField.values();

    private final JsonBuffer out = new JsonBuffer();
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
        EventField missing = distortion instanceof Distortion.MissingField m ? m.field() : null;
        EventField wrong = distortion instanceof Distortion.WrongType w ? w.field() : null;
        out.reset();
        out.raw('{');
        boolean first = true;
        for (EventField field : FIELDS) {
            if (field == missing) {
                continue;
            }
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.raw(NAMES[field.ordinal()]);
            if (field == wrong) {
                writeWrongType(field);
            } else {
                writeValue(field, e);
            }
        }
        out.raw('}');
        return out.toByteArray();
    }

    private void writeValue(EventField field, OrderEvent e) {
        switch (field) {
            case SCHEMA_VERSION -> out.number(e.schemaVersion());
            case EVENT_ID -> out.uuid(e.eventId());
            case ORDER_ID -> out.string(e.orderId());
            case CUSTOMER_ID -> out.string(e.customerId());
            case PRODUCT -> {
                out.raw(PRODUCT_CODE);
                out.string(e.productCode());
                out.raw(PRODUCT_NAME);
                out.string(e.productName());
                out.raw('}');
            }
            case QUANTITY -> out.number(e.quantity());
            case UNIT_PRICE -> out.decimal(e.unitPrice());
            case CURRENCY -> out.string(e.currency());
            case CITY -> out.string(e.city());
            case EVENT_TS -> isoMillis.write(out, e.eventTs());
        }
    }

    private void writeWrongType(EventField field) {
        switch (field) {
            case QUANTITY -> out.string("two");
            case UNIT_PRICE -> out.string("cheap");
            case EVENT_TS -> out.raw(TRUE);
            case PRODUCT -> out.string("P-1001");
            default -> throw new IllegalArgumentException(
                    "No wrong-type variant for " + field + ": Spark would coerce any JSON token to a string");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }
}
