package org.lakehouse.producer.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;
import org.lakehouse.producer.event.Product;

/**
 * The Silver row a valid record must become, with canonical (standardized) city and product.
 */
public record ExpectedOrder(UUID eventId, String city, Product product, int quantity, BigDecimal unitPrice,
                            Instant eventTs) {

    /** quantity × unit_price, two decimals, HALF_UP. */
    public BigDecimal totalAmount() {
        BigDecimal exact = unitPrice.scale() == 2
                ? BigDecimal.valueOf(Math.multiplyExact(unitPrice.unscaledValue().longValueExact(), quantity), 2)
                : unitPrice.multiply(BigDecimal.valueOf(quantity));
        return exact.setScale(2, RoundingMode.HALF_UP);
    }
}
