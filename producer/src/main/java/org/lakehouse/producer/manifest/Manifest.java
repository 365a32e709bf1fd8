package org.lakehouse.producer.manifest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The ground-truth manifest of one producer run. Written as JSON with snake_case names; see the producer README
 * for the exact definitions.
 *
 * @param manifestVersion format version of this file
 * @param complete        false when some record was not acknowledged by Kafka (the figures then overstate)
 * @param generation      how the records were generated
 * @param recordsSent     records handed to Kafka, duplicates included
 * @param recordsByKind   records per kind ({@code valid}, {@code late}, ..., {@code duplicate})
 * @param expected        the Silver, quarantine and duplicate totals
 * @param gold            the exact Gold tables
 */
public record Manifest(int manifestVersion, boolean complete, Generation generation, long recordsSent,
                       Map<String, Long> recordsByKind, Expected expected, Gold gold) {

    public static final int VERSION = 1;

    /** The inputs that reproduce the run byte for byte. */
    public record Generation(long seed, long count, Instant startTime, Duration span, String format,
                             String topic, Map<String, Double> ratios) {
    }

    /**
     * @param silverRows        distinct valid events (one Silver row each)
     * @param quarantineRows    records that must be quarantined
     * @param duplicates        records that repeat an earlier valid event's event_id
     * @param quarantineByRule  quarantined records by the rule their fault must trip (each row may trip more)
     */
    public record Expected(long silverRows, long quarantineRows, long duplicates,
                           Map<String, Long> quarantineByRule) {
    }

    public record Gold(List<CityHour> revenueByCityHour, List<ProductDay> revenueByProductDay,
                       List<QualityHour> qualityByHour) {
    }

    /** Revenue of valid orders by canonical city and the UTC hour of their event time. */
    public record CityHour(String city, Instant hourStart, BigDecimal revenue, long units, long orders) {
    }

    /** Revenue of valid orders by canonical product and the UTC day of their event time. */
    public record ProductDay(String productCode, String productName, LocalDate day, BigDecimal revenue, long units,
                             long orders) {
    }

    /**
     * Data quality by the UTC hour of the Kafka record timestamp (every record has one, even a malformed one):
     * bronzeRows = silverRows + quarantinedRows + duplicates.
     */
    public record QualityHour(Instant hourStart, long bronzeRows, long silverRows, long quarantinedRows,
                              Map<String, Long> quarantinedByRule, long duplicates) {
    }
}
