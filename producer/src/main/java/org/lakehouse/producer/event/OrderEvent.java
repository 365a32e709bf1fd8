package org.lakehouse.producer.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One order event as it is sent: string fields carry exactly what goes on the wire, including the casing and
 * whitespace noise that Silver must standardize. Values may be invalid on purpose (a zero quantity, an unknown
 * city); which of them count in Gold is decided by the generator, not by this record.
 */
public record OrderEvent(
        int schemaVersion,
        UUID eventId,
        String orderId,
        String customerId,
        String productCode,
        String productName,
        int quantity,
        BigDecimal unitPrice,
        String currency,
        String city,
        Instant eventTs) {

    public static final int SCHEMA_VERSION = 1;
}
