package org.lakehouse.producer.generate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import org.lakehouse.producer.event.Catalog;
import org.lakehouse.producer.event.Distortion;
import org.lakehouse.producer.event.EventEncoder;
import org.lakehouse.producer.event.EventField;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.event.OrderEvent;
import org.lakehouse.producer.event.Product;

/**
 * Generates the order stream. Record {@code seq} is a pure function of (seed, seq): its random draws come from a
 * generator seeded by both, so any record can be regenerated alone. A DUPLICATE picks an earlier slot whose kind
 * can be duplicated and regenerates it, yielding the original's exact bytes without remembering them.
 *
 * <p>Not thread-safe (the encoder reuses buffers); use one instance per thread.
 */
public final class OrderGenerator {
    private static final List<EventField> REQUIRED = List.of(EventField.values()).stream()
            .filter(EventField::required).toList();
    private static final List<EventField> WRONG_TYPE_FIELDS =
            List.of(EventField.QUANTITY, EventField.UNIT_PRICE, EventField.EVENT_TS, EventField.PRODUCT);
    private static final int DUPLICATE_SOURCE_ATTEMPTS = 32;
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Per catalog product: list price in cents, code in lower case, name upper-cased with a leading space. */
    private static final long[] LIST_CENTS = Catalog.PRODUCTS.stream()
            .mapToLong(p -> p.listPrice().unscaledValue().longValueExact()).toArray();
    private static final String[] LOWER_CODES = Catalog.PRODUCTS.stream()
            .map(p -> p.code().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final String[] SHOUTED_NAMES = Catalog.PRODUCTS.stream()
            .map(p -> " " + p.name().toUpperCase(Locale.ROOT)).toArray(String[]::new);
    private static final String[][] CITY_SPELLINGS = spellings(Catalog.CITIES);
    private static final String[][] UNKNOWN_CITY_SPELLINGS = spellings(Catalog.UNKNOWN_CITIES);

    private final GeneratorConfig config;
    private final EventEncoder encoder;
    private final long startMs;
    private final long spanMs;
    private final KindPicker picker;

    public OrderGenerator(GeneratorConfig config) {
        this.config = config;
        this.picker = config.ratios().picker();
        this.encoder = EventEncoder.forFormat(config.format());
        this.startMs = config.startTime().toEpochMilli();
        this.spanMs = config.span().toMillis();
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Records {@code from} (inclusive) to the configured count (exclusive), in order. */
    public Iterator<GeneratedRecord> records(long from) {
        return new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < config.count();
            }

            @Override
            public GeneratedRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return generate(next++);
            }
        };
    }

    /** The record at {@code seq}. */
    public GeneratedRecord generate(long seq) {
        SplittableRandom rng = slotRandom(seq);
        RecordKind kind = effectiveKind(picker.pick(rng.nextDouble()));
        Instant sendTime = Instant.ofEpochMilli(startMs + Math.multiplyExact(spanMs, seq) / Math.max(1, config.count()));
        if (kind == RecordKind.DUPLICATE) {
            long source = findDuplicateSource(seq, rng);
            if (source >= 0) {
                GeneratedRecord original = generate(source);
                return new GeneratedRecord(seq, kind, sendTime, original.key(), original.value(),
                        original.contentType(), original.schema(), null, source);
            }
            kind = RecordKind.VALID; // nothing earlier to copy: an ordinary valid record takes the slot
        }
        return build(seq, kind, sendTime, rng);
    }

    private RecordKind effectiveKind(RecordKind picked) {
        return picked == RecordKind.WRONG_TYPE && !config.format().canCarryWrongTypes()
                ? RecordKind.MALFORMED : picked;
    }

    private long findDuplicateSource(long seq, SplittableRandom rng) {
        if (seq == 0) {
            return -1;
        }
        for (int attempt = 0; attempt < DUPLICATE_SOURCE_ATTEMPTS; attempt++) {
            long candidate = rng.nextLong(seq);
            RecordKind candidateKind = effectiveKind(picker.pick(slotRandom(candidate).nextDouble()));
            if (candidateKind.canBeDuplicated()) {
                return candidate;
            }
        }
        return -1;
    }

    private GeneratedRecord build(long seq, RecordKind kind, Instant sendTime, SplittableRandom rng) {
        int productIndex = rng.nextInt(Catalog.PRODUCTS.size());
        Product product = Catalog.PRODUCTS.get(productIndex);
        int cityIndex = rng.nextInt(Catalog.CITIES.size());
        String city = Catalog.CITIES.get(cityIndex);
        int quantity = rng.nextDouble() < 0.05 ? 6 + rng.nextInt(15) : 1 + rng.nextInt(5);
        // list price × 90..110 %, in cents, rounded HALF_UP: exact, without BigDecimal arithmetic per record
        long listCents = LIST_CENTS[productIndex];
        BigDecimal unitPrice = BigDecimal.valueOf((listCents * (90 + rng.nextInt(21)) + 50) / 100, 2);
        long sendMs = sendTime.toEpochMilli();
        long eventMs = sendMs - rng.nextInt(2_000);
        UUID eventId = new UUID((rng.nextLong() & ~0xF000L) | 0x4000L,
                (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        byte[] key = orderIdBytes(rng.nextLong());
        String orderId = new String(key, StandardCharsets.US_ASCII);
        String customerId = customerId(rng.nextInt(50_000));
        String wireCity = noisy(CITY_SPELLINGS[cityIndex], rng);
        String wireCode = rng.nextDouble() < 0.1 ? LOWER_CODES[productIndex] : product.code();
        String wireName = rng.nextDouble() < 0.05 ? SHOUTED_NAMES[productIndex] : product.name();
        Distortion distortion = Distortion.NONE;
        switch (kind) {
            case LATE -> eventMs = sendMs - 2 * HOUR_MS - rng.nextLong(46 * HOUR_MS);
            case OUT_OF_ORDER -> eventMs = sendMs - MINUTE_MS - rng.nextLong(29 * MINUTE_MS);
            case FUTURE_TIME -> eventMs = sendMs + 2 * DAY_MS + rng.nextLong(28 * DAY_MS);
            case BAD_QUANTITY -> quantity = -rng.nextInt(3);
            case BAD_PRICE -> unitPrice = rng.nextBoolean()
                    ? BigDecimal.ZERO.setScale(2) : BigDecimal.valueOf(-(1 + rng.nextInt(10_000)), 2);
            case UNKNOWN_CITY -> wireCity = noisy(UNKNOWN_CITY_SPELLINGS[rng.nextInt(UNKNOWN_CITY_SPELLINGS.length)],
                    rng);
            case MISSING_FIELD -> distortion = new Distortion.MissingField(REQUIRED.get(rng.nextInt(REQUIRED.size())));
            case WRONG_TYPE -> distortion =
                    new Distortion.WrongType(WRONG_TYPE_FIELDS.get(rng.nextInt(WRONG_TYPE_FIELDS.size())));
            default -> {
                // VALID and MALFORMED keep the drawn values
            }
        }
        Instant eventTs = Instant.ofEpochMilli(eventMs);
        OrderEvent event = new OrderEvent(OrderEvent.SCHEMA_VERSION, eventId, orderId, customerId, wireCode,
                wireName, quantity, unitPrice, Catalog.CURRENCY, wireCity, eventTs);
        byte[] value = encoder.encode(event, distortion);
        if (kind == RecordKind.MALFORMED) {
            value = malform(value, rng);
        }
        ExpectedOrder expected = kind.outcome() == Outcome.SILVER
                ? new ExpectedOrder(eventId, city, product, quantity, unitPrice, eventTs) : null;
        return new GeneratedRecord(seq, kind, sendTime, key, value,
                encoder.format().contentType(), encoder.schemaName(), expected, -1);
    }

    /**
     * A city as written, with the case and spacing noise Silver must standardize (15% of records).
     *
     * @param spellings the city as is, in lower case, in upper case and padded, from {@link #spellings}
     */
    private static String noisy(String[] spellings, SplittableRandom rng) {
        if (rng.nextDouble() >= 0.15) {
            return spellings[0];
        }
        return spellings[1 + rng.nextInt(3)];
    }

    /** Every spelling {@link #noisy} may pick, made once rather than per record. */
    private static String[][] spellings(List<String> cities) {
        return cities.stream()
                .map(c -> new String[] {c, c.toLowerCase(Locale.ROOT), c.toUpperCase(Locale.ROOT), "  " + c + " "})
                .toArray(String[][]::new);
    }

    /**
     * Bytes that cannot decode: a truncated encoding, or (JSON only) invalid UTF-8 or plain text. Avro decoding of
     * a truncated record always runs out of input, while random bytes might happen to decode, so Avro is only
     * ever truncated.
     */
    private byte[] malform(byte[] encoded, SplittableRandom rng) {
        int variant = config.format() == EventFormat.AVRO ? 0 : rng.nextInt(3);
        return switch (variant) {
            case 0 -> java.util.Arrays.copyOf(encoded, 1 + rng.nextInt(encoded.length - 1));
            case 1 -> {
                byte[] garbage = new byte[16 + rng.nextInt(48)];
                rng.nextBytes(garbage);
                garbage[0] = (byte) 0xFF; // never valid UTF-8, never valid JSON
                yield garbage;
            }
            default -> ("not json: order " + rng.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** {@code ORD-} and 16 lower-case hex digits, as ASCII: the key, and the order id's characters. */
    private static byte[] orderIdBytes(long v) {
        byte[] out = {'O', 'R', 'D', '-', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = out.length - 1; i >= 4; i--) {
            out[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return out;
    }

    /** {@code C-} and {@code v} zero-padded to five digits ({@code v} is below 100 000). */
    private static String customerId(int v) {
        byte[] out = {'C', '-', 0, 0, 0, 0, 0};
        for (int i = out.length - 1; i >= 2; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    private SplittableRandom slotRandom(long seq) {
        return new SplittableRandom(mix64(mix64(config.seed()) + seq));
    }

    /** Stafford's variant 13 of the 64-bit finalizer (as in SplittableRandom): spreads nearby inputs apart. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
