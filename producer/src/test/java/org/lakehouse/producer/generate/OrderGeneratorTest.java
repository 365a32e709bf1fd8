package org.lakehouse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lakehouse.producer.event.Catalog;
import org.lakehouse.producer.event.EventFormat;

class OrderGeneratorTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GeneratorConfig config(long seed, long count) {
        return new GeneratorConfig(seed, count, START, Duration.ofHours(6), EventFormat.JSON, FaultRatios.DEFAULTS);
    }

    private static List<GeneratedRecord> all(GeneratorConfig config) {
        List<GeneratedRecord> out = new ArrayList<>();
        new OrderGenerator(config).records(0).forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void sameSeedGivesIdenticalBytes(EventFormat format) {
        GeneratorConfig c = config(7, 3_000).withFormat(format);
        List<GeneratedRecord> a = all(c);
        List<GeneratedRecord> b = all(c);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value()).as("value of record %d, run 1 vs run 2", i).isEqualTo(b.get(i).value());
            assertThat(a.get(i).key()).as("key of record %d", i).isEqualTo(b.get(i).key());
            assertThat(a.get(i).sendTime()).as("send time of record %d", i).isEqualTo(b.get(i).sendTime());
        }
    }

    @Test
    void anyRecordRegeneratesAloneAndOtherSeedsDiffer() {
        OrderGenerator g = new OrderGenerator(config(7, 3_000));
        List<GeneratedRecord> stream = all(config(7, 3_000));
        assertThat(g.generate(1234).value()).as("record 1234 generated alone").isEqualTo(stream.get(1234).value());
        List<GeneratedRecord> other = all(config(8, 3_000));
        long same = 0;
        for (int i = 0; i < stream.size(); i++) {
            if (Arrays.equals(stream.get(i).value(), other.get(i).value())) {
                same++;
            }
        }
        assertThat(same).as("records equal between seeds 7 and 8").isZero();
    }

    @Test
    void eachKindAppearsAtItsRatio() {
        int n = 40_000;
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        all(config(11, n)).forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        for (RecordKind kind : RecordKind.values()) {
            double p = FaultRatios.DEFAULTS.ratio(kind);
            double expected = n * p;
            double tolerance = 4 * Math.sqrt(n * p * (1 - p)) + 2; // 4 sigma of the binomial
            assertThat((double) counts.getOrDefault(kind, 0))
                    .as("%s records of %d at ratio %.3f", kind, n, p)
                    .isBetween(expected - tolerance, expected + tolerance);
        }
    }

    @Test
    void duplicatesAreExactCopiesOfAnEarlierValidRecord() {
        List<GeneratedRecord> stream = all(config(3, 5_000));
        long duplicates = 0;
        for (GeneratedRecord r : stream) {
            if (r.kind() != RecordKind.DUPLICATE) {
                assertThat(r.duplicateOf()).as("non-duplicate %d has no source", r.seq()).isEqualTo(-1);
                continue;
            }
            duplicates++;
            GeneratedRecord source = stream.get((int) r.duplicateOf());
            assertThat(r.duplicateOf()).as("source of duplicate %d comes earlier", r.seq()).isLessThan(r.seq());
            assertThat(source.kind().outcome()).as("source kind of %d", r.seq()).isEqualTo(Outcome.SILVER);
            assertThat(r.value()).as("duplicate %d value bytes", r.seq()).isEqualTo(source.value());
            assertThat(r.key()).as("duplicate %d key", r.seq()).isEqualTo(source.key());
            assertThat(r.expected()).as("a duplicate adds nothing to Silver").isNull();
        }
        assertThat(duplicates).as("duplicates generated").isGreaterThan(50);
    }

    @Test
    void validJsonRecordsStandardizeToTheirExpectedOrder() throws Exception {
        for (GeneratedRecord r : all(config(5, 2_000))) {
            if (r.expected() == null) {
                continue;
            }
            JsonNode n = JSON.readTree(r.value());
            ExpectedOrder e = r.expected();
            assertThat(n.get("event_id").asText()).isEqualTo(e.eventId().toString());
            assertThat(Catalog.canonicalCity(n.get("city").asText())).as("city of %d", r.seq()).contains(e.city());
            assertThat(Catalog.productByCode(n.get("product").get("code").asText())).contains(e.product());
            assertThat(n.get("quantity").asInt()).as("quantity").isEqualTo(e.quantity()).isPositive();
            assertThat(n.get("unit_price").decimalValue()).isEqualByComparingTo(e.unitPrice()).isPositive();
            assertThat(Instant.parse(n.get("event_ts").asText())).isEqualTo(e.eventTs())
                    .isBeforeOrEqualTo(r.sendTime());
            assertThat(r.sendTime()).as("send time within the span").isBetween(START, START.plus(Duration.ofHours(6)));
        }
    }

    @Test
    void faultsAreWhatTheirKindSays() throws Exception {
        for (GeneratedRecord r : all(config(9, 8_000))) {
            switch (r.kind()) {
                case MALFORMED -> assertThat(parses(r.value())).as("malformed %d parses", r.seq()).isFalse();
                case MISSING_FIELD -> assertThat(JSON.readTree(r.value()).size()).as("field count").isEqualTo(9);
                case WRONG_TYPE -> {
                    JsonNode n = JSON.readTree(r.value());
                    boolean wrong = n.get("quantity").isTextual() || n.get("unit_price").isTextual()
                            || n.get("event_ts").isBoolean() || n.get("product").isTextual();
                    assertThat(wrong).as("record %d has a wrong-typed field: %s", r.seq(), n).isTrue();
                }
                case BAD_QUANTITY -> assertThat(JSON.readTree(r.value()).get("quantity").asInt()).isLessThanOrEqualTo(0);
                case BAD_PRICE -> assertThat(JSON.readTree(r.value()).get("unit_price").decimalValue().signum())
                        .isLessThanOrEqualTo(0);
                case UNKNOWN_CITY -> assertThat(Catalog.canonicalCity(JSON.readTree(r.value()).get("city").asText()))
                        .isEmpty();
                case FUTURE_TIME -> assertThat(Instant.parse(JSON.readTree(r.value()).get("event_ts").asText()))
                        .isAfter(r.sendTime().plus(Duration.ofDays(2)).minusMillis(1));
                case LATE -> assertThat(r.expected().eventTs()).isBefore(r.sendTime().minus(Duration.ofHours(2)).plusMillis(1));
                default -> {
                }
            }
        }
    }

    @Test
    void emptyStreamAndSingleRecord() {
        assertThat(new OrderGenerator(config(1, 0)).records(0).hasNext()).isFalse();
        Iterator<GeneratedRecord> one = new OrderGenerator(config(1, 1)).records(0);
        assertThat(one.next().sendTime()).isEqualTo(START);
        assertThat(one.hasNext()).isFalse();
    }

    private static boolean parses(byte[] value) {
        try {
            JSON.readTree(value);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
