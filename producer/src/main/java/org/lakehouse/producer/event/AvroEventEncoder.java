package org.lakehouse.producer.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.lakehouse.producer.ProducerErrors;

/**
 * Plain Avro binary encoding (no registry framing) with the schema of {@code config/schemas/order_event.avsc},
 * which Spark's {@code from_avro} reads. Every field is nullable, so a missing field is written as null; Avro
 * cannot carry a wrong-typed value, so the generator never asks for one in this format.
 */
public final class AvroEventEncoder implements EventEncoder {
    /** Classpath location of the schema; the build copies it from {@code config/schemas/}. */
    public static final String SCHEMA_RESOURCE = "/schemas/order_event.avsc";
    public static final String SCHEMA_NAME = "order_event.avsc";

    private static final Schema SCHEMA = loadSchema();

    private final Schema productSchema = nonNull(SCHEMA.getField("product").schema());
    private final Schema priceSchema = nonNull(SCHEMA.getField("unit_price").schema());
    private final LogicalType priceType = priceSchema.getLogicalType();
    private final Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
    private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;

    public static Schema schema() {
        return SCHEMA;
    }

    @Override
    public EventFormat format() {
        return EventFormat.AVRO;
    }

    @Override
    public String schemaName() {
        return SCHEMA_NAME;
    }

    @Override
    public byte[] encode(OrderEvent e, Distortion distortion) {
        if (distortion instanceof Distortion.WrongType) {
            throw new IllegalArgumentException("Avro cannot carry a wrong-typed value: " + distortion);
        }
        GenericRecord product = new GenericData.Record(productSchema);
        product.put("code", e.productCode());
        product.put("name", e.productName());
        BigDecimal price = e.unitPrice().setScale(2, RoundingMode.HALF_UP);

        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("schema_version", e.schemaVersion());
        r.put("event_id", e.eventId().toString());
        r.put("order_id", e.orderId());
        r.put("customer_id", e.customerId());
        r.put("product", product);
        r.put("quantity", e.quantity());
        r.put("unit_price", decimals.toBytes(price, priceSchema, priceType));
        r.put("currency", e.currency());
        r.put("city", e.city());
        r.put("event_ts", e.eventTs().toEpochMilli());
        if (distortion instanceof Distortion.MissingField m) {
            r.put(m.field().wireName(), null);
        }

        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(r, encoder);
            encoder.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("Avro encoding of event " + e.eventId() + " failed", ex);
        }
        return out.toByteArray();
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    private static Schema loadSchema() {
        try (InputStream in = AvroEventEncoder.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IOException("not on the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException | RuntimeException ex) {
            throw ProducerErrors.schemaUnreadable(SCHEMA_RESOURCE, ex);
        }
    }
}
