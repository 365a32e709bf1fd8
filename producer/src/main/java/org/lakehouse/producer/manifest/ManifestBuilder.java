package org.lakehouse.producer.manifest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lakehouse.producer.event.Product;
import org.lakehouse.producer.generate.ExpectedOrder;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.RecordKind;

/**
 * Accumulates the manifest from records, and from other builders' totals. It runs for every record, so keys are
 * plain hour and day numbers and per-kind counters are arrays; times become {@code Instant} and {@code LocalDate}
 * only in {@link #build}. Not thread-safe: feed it from one thread at a time.
 */
public final class ManifestBuilder {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private final long[] byKind = new long[RecordKind.values().length];
    private final Map<CityHourKey, Totals> cityHours = new HashMap<>();
    private final Map<ProductDayKey, Totals> productDays = new HashMap<>();
    private final Map<Long, long[]> qualityHours = new HashMap<>();
    private long recordsSent;
    /** The counters of the send hour seen last: records come in send-time order, so this saves most lookups. */
    private long lastHour = Long.MIN_VALUE;
    private long[] lastHourCounts;

    public void accept(GeneratedRecord record) {
        recordsSent++;
        int kind = record.kind().ordinal();
        byKind[kind]++;
        long hour = Math.floorDiv(record.sendTime().toEpochMilli(), HOUR_MS);
        if (hour != lastHour) {
            lastHourCounts = qualityHours.computeIfAbsent(hour, h -> new long[RecordKind.values().length]);
            lastHour = hour;
        }
        lastHourCounts[kind]++;
        ExpectedOrder order = record.expected();
        if (order != null) {
            BigDecimal amount = order.totalAmount();
            long eventMs = order.eventTs().toEpochMilli();
            totals(cityHours, new CityHourKey(order.city(), Math.floorDiv(eventMs, HOUR_MS)), null)
                    .add(amount, order.quantity(), 1);
            totals(productDays, new ProductDayKey(order.product().code(), Math.floorDiv(eventMs, DAY_MS)),
                    order.product()).add(amount, order.quantity(), 1);
        }
    }

    /** Adds everything {@code other} has counted, as if its records had been accepted here. */
    public void merge(ManifestBuilder other) {
        recordsSent += other.recordsSent;
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] += other.byKind[i];
        }
        other.qualityHours.forEach((hour, counts) -> {
            long[] mine = qualityHours.computeIfAbsent(hour, h -> new long[counts.length]);
            for (int i = 0; i < mine.length; i++) {
                mine[i] += counts[i];
            }
        });
        other.cityHours.forEach((key, t) -> totals(cityHours, key, null).add(t.revenue, t.units, t.orders));
        other.productDays.forEach((key, t) -> totals(productDays, key, t.product).add(t.revenue, t.units, t.orders));
    }

    private static <K> Totals totals(Map<K, Totals> map, K key, Product product) {
        Totals t = map.get(key);
        if (t == null) {
            t = new Totals(product);
            map.put(key, t);
        }
        return t;
    }

    public long recordsSent() {
        return recordsSent;
    }

    public Manifest build(GeneratorConfig config, String topic, boolean complete) {
        Map<String, Long> kinds = new TreeMap<>();
        Map<String, Long> byRule = new TreeMap<>();
        long silver = 0;
        long quarantine = 0;
        long duplicates = 0;
        for (RecordKind kind : RecordKind.values()) {
            long n = byKind[kind.ordinal()];
            kinds.put(kind.key(), n);
            switch (kind.outcome()) {
                case SILVER -> silver += n;
                case DUPLICATE -> duplicates += n;
                case QUARANTINE -> {
                    quarantine += n;
                    byRule.put(kind.rule(), n);
                }
            }
        }
        Map<String, Double> ratios = new TreeMap<>();
        config.ratios().ratios().forEach((k, v) -> ratios.put(k.key(), v));
        Manifest.Generation generation = new Manifest.Generation(config.seed(), config.count(), config.startTime(),
                config.span(), config.format().cliName(), topic, ratios);
        return new Manifest(Manifest.VERSION, complete, generation, recordsSent, kinds,
                new Manifest.Expected(silver, quarantine, duplicates, byRule),
                new Manifest.Gold(cityHourRows(), productDayRows(), qualityRows()));
    }

    private List<Manifest.CityHour> cityHourRows() {
        return cityHours.entrySet().stream()
                .map(e -> new Manifest.CityHour(e.getKey().city(), Instant.ofEpochMilli(e.getKey().hour() * HOUR_MS),
                        e.getValue().revenue,
                        e.getValue().units, e.getValue().orders))
                .sorted(Comparator.comparing(Manifest.CityHour::hourStart).thenComparing(Manifest.CityHour::city))
                .toList();
    }

    private List<Manifest.ProductDay> productDayRows() {
        return productDays.entrySet().stream()
                .map(e -> new Manifest.ProductDay(e.getValue().product.code(), e.getValue().product.name(),
                        LocalDate.ofEpochDay(e.getKey().day()), e.getValue().revenue, e.getValue().units,
                        e.getValue().orders))
                .sorted(Comparator.comparing(Manifest.ProductDay::day).thenComparing(Manifest.ProductDay::productCode))
                .toList();
    }

    private List<Manifest.QualityHour> qualityRows() {
        return qualityHours.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> qualityRow(Instant.ofEpochMilli(e.getKey() * HOUR_MS), e.getValue()))
                .toList();
    }

    private record CityHourKey(String city, long hour) {
    }

    private record ProductDayKey(String productCode, long day) {
    }

    private static final class Totals {
        private final Product product;
        private BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        private long units;
        private long orders;

        Totals(Product product) {
            this.product = product;
        }

        void add(BigDecimal amount, long quantity, long count) {
            revenue = revenue.add(amount);
            units += quantity;
            orders += count;
        }
    }

    private static Manifest.QualityHour qualityRow(Instant hour, long[] counts) {
        long bronze = 0;
        long silver = 0;
        long quarantined = 0;
        long duplicates = 0;
        Map<String, Long> byRule = new TreeMap<>();
        for (RecordKind kind : RecordKind.values()) {
            long n = counts[kind.ordinal()];
            bronze += n;
            switch (kind.outcome()) {
                case SILVER -> silver += n;
                case DUPLICATE -> duplicates += n;
                case QUARANTINE -> {
                    quarantined += n;
                    if (n > 0) {
                        byRule.merge(kind.rule(), n, Long::sum);
                    }
                }
            }
        }
        return new Manifest.QualityHour(hour, bronze, silver, quarantined, byRule, duplicates);
    }
}
