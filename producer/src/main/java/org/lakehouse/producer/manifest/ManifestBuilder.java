package org.lakehouse.producer.manifest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * Accumulates the manifest from the records as they are sent. Not thread-safe: feed it from the sending thread.
 */
public final class ManifestBuilder {
    private final Map<RecordKind, Long> byKind = new TreeMap<>();
    private final Map<CityHourKey, Totals> cityHours = new HashMap<>();
    private final Map<ProductDayKey, Totals> productDays = new HashMap<>();
    private final Map<Instant, QualityTotals> qualityHours = new HashMap<>();
    private long recordsSent;

    public void accept(GeneratedRecord record) {
        recordsSent++;
        byKind.merge(record.kind(), 1L, Long::sum);
        qualityHours.computeIfAbsent(record.sendTime().truncatedTo(ChronoUnit.HOURS), h -> new QualityTotals())
                .add(record.kind());
        ExpectedOrder order = record.expected();
        if (order != null) {
            BigDecimal amount = order.totalAmount();
            Instant hour = order.eventTs().truncatedTo(ChronoUnit.HOURS);
            LocalDate day = LocalDate.ofInstant(order.eventTs(), ZoneOffset.UTC);
            cityHours.computeIfAbsent(new CityHourKey(order.city(), hour), k -> new Totals())
                    .add(amount, order.quantity());
            productDays.computeIfAbsent(new ProductDayKey(order.product(), day), k -> new Totals())
                    .add(amount, order.quantity());
        }
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
            long n = byKind.getOrDefault(kind, 0L);
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
                .map(e -> new Manifest.CityHour(e.getKey().city(), e.getKey().hour(), e.getValue().revenue,
                        e.getValue().units, e.getValue().orders))
                .sorted(Comparator.comparing(Manifest.CityHour::hourStart).thenComparing(Manifest.CityHour::city))
                .toList();
    }

    private List<Manifest.ProductDay> productDayRows() {
        return productDays.entrySet().stream()
                .map(e -> new Manifest.ProductDay(e.getKey().product().code(), e.getKey().product().name(),
                        e.getKey().day(), e.getValue().revenue, e.getValue().units, e.getValue().orders))
                .sorted(Comparator.comparing(Manifest.ProductDay::day).thenComparing(Manifest.ProductDay::productCode))
                .toList();
    }

    private List<Manifest.QualityHour> qualityRows() {
        return qualityHours.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().row(e.getKey()))
                .toList();
    }

    private record CityHourKey(String city, Instant hour) {
    }

    private record ProductDayKey(Product product, LocalDate day) {
    }

    private static final class Totals {
        private BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        private long units;
        private long orders;

        void add(BigDecimal amount, int quantity) {
            revenue = revenue.add(amount);
            units += quantity;
            orders++;
        }
    }

    private static final class QualityTotals {
        private final Map<RecordKind, Long> byKind = new TreeMap<>();

        void add(RecordKind kind) {
            byKind.merge(kind, 1L, Long::sum);
        }

        Manifest.QualityHour row(Instant hour) {
            long bronze = 0;
            long silver = 0;
            long quarantined = 0;
            long duplicates = 0;
            Map<String, Long> byRule = new TreeMap<>();
            for (Map.Entry<RecordKind, Long> e : byKind.entrySet()) {
                long n = e.getValue();
                bronze += n;
                switch (e.getKey().outcome()) {
                    case SILVER -> silver += n;
                    case DUPLICATE -> duplicates += n;
                    case QUARANTINE -> {
                        quarantined += n;
                        byRule.merge(e.getKey().rule(), n, Long::sum);
                    }
                }
            }
            return new Manifest.QualityHour(hour, bronze, silver, quarantined, byRule, duplicates);
        }
    }
}
