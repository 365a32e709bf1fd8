package org.lakehouse.producer.event;

import java.math.BigDecimal;
import java.util.Objects;

/** A product of the catalog: its code, display name and list price (which events vary around). */
public record Product(String code, String name, BigDecimal listPrice) {
    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listPrice, "listPrice");
    }
}
