package org.lakehouse.producer.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lakehouse.producer.event.Catalog;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.event.Product;
import org.lakehouse.producer.generate.ExpectedOrder;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.OrderGenerator;
import org.lakehouse.producer.generate.RecordKind;

class ManifestBuilderTest {
    private static final Product MACHINE = Catalog.PRODUCTS.get(0);
    private static final Product BEANS = Catalog.PRODUCTS.get(6);
    private static final GeneratorConfig CONFIG = new GeneratorConfig(1, 6, Instant.parse("2026-11-01T10:00:00Z"),
            Duration.ofHours(1), EventFormat.JSON, FaultRatios.NONE);

    private static GeneratedRecord record(long seq, RecordKind kind, String sendTime, ExpectedOrder order) {
        return new GeneratedRecord(seq, kind, Instant.parse(sendTime), "k".getBytes(StandardCharsets.UTF_8),
                "v".getBytes(StandardCharsets.UTF_8), "application/json", "s", order, -1);
    }

    private static ExpectedOrder order(String city, Product p, int qty, String price, String ts) {
        return new ExpectedOrder(UUID.randomUUID(), city, p, qty, new BigDecimal(price), Instant.parse(ts));
    }

    /** Six records, hand-computed: two Berlin orders in one hour, a late Paris order, a duplicate, two faults. */
    @Test
    void handComputedCase() {
        ManifestBuilder b = new ManifestBuilder();
        b.accept(record(0, RecordKind.VALID, "2026-11-01T10:05:00Z",
                order("Berlin", MACHINE, 2, "249.99", "2026-11-01T10:04:59Z")));       // 499.98
        b.accept(record(1, RecordKind.VALID, "2026-11-01T10:20:00Z",
                order("Berlin", BEANS, 3, "18.33", "2026-11-01T10:19:58Z")));          // 54.99
        b.accept(record(2, RecordKind.LATE, "2026-11-01T10:30:00Z",
                order("Paris", BEANS, 1, "19.10", "2026-10-31T22:00:00Z")));           // 19.10, previous day
        b.accept(record(3, RecordKind.DUPLICATE, "2026-11-01T10:40:00Z", null));
        b.accept(record(4, RecordKind.BAD_PRICE, "2026-11-01T11:00:00Z", null));
        b.accept(record(5, RecordKind.MALFORMED, "2026-11-01T11:10:00Z", null));
        Manifest m = b.build(CONFIG, "orders", true);

        assertThat(m.recordsSent()).isEqualTo(6);
        assertThat(m.expected()).isEqualTo(new Manifest.Expected(3, 2, 1, m.expected().quarantineByRule()));
        assertThat(m.expected().quarantineByRule()).containsEntry("non_positive_price", 1L)
                .containsEntry("malformed", 1L).containsEntry("unknown_city", 0L);
        assertThat(m.gold().revenueByCityHour()).as("city × hour rows").containsExactly(
                new Manifest.CityHour("Paris", Instant.parse("2026-10-31T22:00:00Z"), new BigDecimal("19.10"), 1, 1),
                new Manifest.CityHour("Berlin", Instant.parse("2026-11-01T10:00:00Z"), new BigDecimal("554.97"), 5, 2));
        assertThat(m.gold().revenueByProductDay()).as("product × day rows").containsExactly(
                new Manifest.ProductDay(BEANS.code(), BEANS.name(), LocalDate.parse("2026-10-31"),
                        new BigDecimal("19.10"), 1, 1),
                new Manifest.ProductDay(MACHINE.code(), MACHINE.name(), LocalDate.parse("2026-11-01"),
                        new BigDecimal("499.98"), 2, 1),
                new Manifest.ProductDay(BEANS.code(), BEANS.name(), LocalDate.parse("2026-11-01"),
                        new BigDecimal("54.99"), 3, 1));
        List<Manifest.QualityHour> q = m.gold().qualityByHour();
        assertThat(q).as("quality rows by send hour").hasSize(2);
        assertThat(q.get(0)).isEqualTo(new Manifest.QualityHour(Instant.parse("2026-11-01T10:00:00Z"), 4, 3, 0,
                q.get(0).quarantinedByRule(), 1));
        assertThat(q.get(1)).isEqualTo(new Manifest.QualityHour(Instant.parse("2026-11-01T11:00:00Z"), 2, 0, 2,
                q.get(1).quarantinedByRule(), 0));
        assertThat(q.get(1).quarantinedByRule()).containsEntry("malformed", 1L).containsEntry("non_positive_price", 1L);
    }

    @Test
    void totalsBalanceAndTheFileRoundTrips(@TempDir Path dir) throws Exception {
        GeneratorConfig c = new GeneratorConfig(99, 20_000, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(12),
                EventFormat.JSON, FaultRatios.DEFAULTS);
        ManifestBuilder b = new ManifestBuilder();
        new OrderGenerator(c).records(0).forEachRemaining(b::accept);
        Manifest m = b.build(c, "orders", true);
        Manifest.Expected e = m.expected();
        assertThat(e.silverRows() + e.quarantineRows() + e.duplicates()).as("every record in exactly one place")
                .isEqualTo(20_000);
        assertThat(m.gold().revenueByCityHour().stream().mapToLong(Manifest.CityHour::orders).sum())
                .as("orders in Gold by city").isEqualTo(e.silverRows());
        assertThat(m.gold().revenueByProductDay().stream().mapToLong(Manifest.ProductDay::orders).sum())
                .as("orders in Gold by product").isEqualTo(e.silverRows());
        assertThat(m.gold().revenueByCityHour().stream().map(Manifest.CityHour::revenue).reduce(BigDecimal::add))
                .as("revenue by city equals revenue by product")
                .isEqualTo(m.gold().revenueByProductDay().stream().map(Manifest.ProductDay::revenue).reduce(BigDecimal::add));
        for (Manifest.QualityHour h : m.gold().qualityByHour()) {
            assertThat(h.bronzeRows()).as("bronze = silver + quarantined + duplicates at %s", h.hourStart())
                    .isEqualTo(h.silverRows() + h.quarantinedRows() + h.duplicates());
        }
        Path file = dir.resolve("m.json");
        ManifestJson.write(m, file);
        assertThat(ManifestJson.read(file)).as("manifest read back").isEqualTo(m);
    }
}
