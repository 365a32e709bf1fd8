package org.lakehouse.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.RecordKind;
import picocli.CommandLine.Option;

/** The options that decide what is generated, shared by {@code produce}, {@code demo} and {@code bench}. */
public final class GeneratorOptions {
    @Option(names = "--seed", description = "Fixes every generated value, ids included (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", description = "Records to send, duplicates included (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--format", converter = FormatConverter.class,
            description = "Wire format: json or avro (schema: config/schemas/order_event.avsc) (default: ${DEFAULT-VALUE}).")
    EventFormat format;

    @Option(names = "--start-time", description = "Simulated send time of the first record, ISO-8601 UTC "
            + "(default: the top of the current hour minus --span). Pass it to reproduce a run byte for byte.")
    Instant startTime;

    @Option(names = "--span", description = "Simulated send time the records are spread over, ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration span;

    @Option(names = "--no-faults", description = "Send only valid records (every ratio 0).", defaultValue = "false")
    boolean noFaults;

    @Option(names = "--late-ratio", description = "Valid records with event time 2-48 h back (default: ${DEFAULT-VALUE}).")
    double late;
    @Option(names = "--out-of-order-ratio", description = "Valid records with event time 1-30 min back (default: ${DEFAULT-VALUE}).")
    double outOfOrder;
    @Option(names = "--duplicate-ratio", description = "Exact re-sends of an earlier valid record (default: ${DEFAULT-VALUE}).")
    double duplicate;
    @Option(names = "--malformed-ratio", description = "Undecodable bytes (default: ${DEFAULT-VALUE}).")
    double malformed;
    @Option(names = "--missing-field-ratio", description = "A required field absent (default: ${DEFAULT-VALUE}).")
    double missingField;
    @Option(names = "--wrong-type-ratio", description = "A field of the wrong JSON type; malformed in Avro (default: ${DEFAULT-VALUE}).")
    double wrongType;
    @Option(names = "--bad-quantity-ratio", description = "quantity <= 0 (default: ${DEFAULT-VALUE}).")
    double badQuantity;
    @Option(names = "--bad-price-ratio", description = "unit_price <= 0 (default: ${DEFAULT-VALUE}).")
    double badPrice;
    @Option(names = "--unknown-city-ratio", description = "A city not in the catalog (default: ${DEFAULT-VALUE}).")
    double unknownCity;
    @Option(names = "--future-time-ratio", description = "Event time 2-30 days after the send time (default: ${DEFAULT-VALUE}).")
    double futureTime;

    public GeneratorConfig toConfig(Clock clock) {
        Instant start = startTime != null ? startTime : GeneratorConfig.defaultStartTime(clock.instant(), span);
        return new GeneratorConfig(seed, count, start, span, format, ratios());
    }

    FaultRatios ratios() {
        if (noFaults) {
            return FaultRatios.NONE;
        }
        Map<RecordKind, Double> r = new EnumMap<>(RecordKind.class);
        r.put(RecordKind.LATE, late);
        r.put(RecordKind.OUT_OF_ORDER, outOfOrder);
        r.put(RecordKind.DUPLICATE, duplicate);
        r.put(RecordKind.MALFORMED, malformed);
        r.put(RecordKind.MISSING_FIELD, missingField);
        r.put(RecordKind.WRONG_TYPE, wrongType);
        r.put(RecordKind.BAD_QUANTITY, badQuantity);
        r.put(RecordKind.BAD_PRICE, badPrice);
        r.put(RecordKind.UNKNOWN_CITY, unknownCity);
        r.put(RecordKind.FUTURE_TIME, futureTime);
        return FaultRatios.of(r);
    }

    /** Accepts json / avro in any case. */
    public static final class FormatConverter implements picocli.CommandLine.ITypeConverter<EventFormat> {
        @Override
        public EventFormat convert(String value) {
            for (EventFormat f : EventFormat.values()) {
                if (f.cliName().equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a format; use json or avro");
        }
    }
}
