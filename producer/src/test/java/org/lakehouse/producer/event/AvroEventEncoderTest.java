package org.lakehouse.producer.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.OrderGenerator;
import org.lakehouse.producer.generate.RecordKind;

class AvroEventEncoderTest {
    private static final GeneratorConfig AVRO = new GeneratorConfig(21, 4_000, Instant.parse("2026-11-01T00:00:00Z"),
            Duration.ofHours(2), EventFormat.AVRO, FaultRatios.DEFAULTS);

    private static GenericRecord decode(byte[] bytes) throws Exception {
        return new GenericDatumReader<GenericRecord>(AvroEventEncoder.schema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    @Test
    void validRecordsRoundTripThroughTheSchemaInConfig() throws Exception {
        OrderGenerator g = new OrderGenerator(AVRO);
        int checked = 0;
        for (var it = g.records(0); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            if (r.expected() == null) {
                continue;
            }
            GenericRecord rec = decode(r.value());
            assertThat(rec.get("event_id").toString()).isEqualTo(r.expected().eventId().toString());
            var priceSchema = AvroEventEncoder.schema().getField("unit_price").schema().getTypes().get(1);
            BigDecimal price = new Conversions.DecimalConversion().fromBytes((ByteBuffer) rec.get("unit_price"),
                    priceSchema, LogicalTypes.decimal(18, 2));
            assertThat(price).as("unit price of %d", r.seq()).isEqualByComparingTo(r.expected().unitPrice());
            assertThat(rec.get("event_ts")).isEqualTo(r.expected().eventTs().toEpochMilli());
            checked++;
        }
        assertThat(checked).as("valid Avro records checked").isGreaterThan(3_000);
    }

    @Test
    void malformedAvroNeverDecodesAndWrongTypesBecomeMalformed() {
        OrderGenerator g = new OrderGenerator(AVRO);
        int malformed = 0;
        for (var it = g.records(0); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            assertThat(r.kind()).as("Avro cannot carry wrong types").isNotEqualTo(RecordKind.WRONG_TYPE);
            if (r.kind() == RecordKind.MALFORMED) {
                malformed++;
                assertThatThrownBy(() -> decode(r.value())).as("decoding malformed record %d", r.seq())
                        .isInstanceOf(Exception.class);
            }
        }
        assertThat(malformed).as("malformed records include the wrong-type share").isGreaterThan(40);
    }
}
