package org.lakehouse.producer.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reference data events are drawn from. Silver's "known city" rule must accept exactly {@link #CITIES};
 * a test in the jobs module checks its rule file against this list.
 */
public final class Catalog {
    /** Canonical city names: trimmed, first letter upper case. */
    public static final List<String> CITIES = List.of(
            "Amsterdam", "Berlin", "Dublin", "Lisbon", "London", "Madrid",
            "Paris", "Prague", "Rome", "Stockholm", "Vienna", "Warsaw");

    /** Cities that are not in the reference list, used for the unknown-city fault. */
    public static final List<String> UNKNOWN_CITIES = List.of("Atlantis", "Gotham", "Springfield", "Narnia");

    public static final List<Product> PRODUCTS = List.of(
            new Product("P-1001", "Espresso Machine", new BigDecimal("249.00")),
            new Product("P-1002", "Coffee Grinder", new BigDecimal("89.90")),
            new Product("P-1003", "Milk Frother", new BigDecimal("39.95")),
            new Product("P-1004", "Pour-Over Kettle", new BigDecimal("54.50")),
            new Product("P-1005", "French Press", new BigDecimal("29.99")),
            new Product("P-1006", "Cold Brew Jar", new BigDecimal("24.00")),
            new Product("P-1007", "Coffee Beans 1kg", new BigDecimal("18.75")),
            new Product("P-1008", "Tea Sampler", new BigDecimal("15.20")),
            new Product("P-1009", "Travel Mug", new BigDecimal("12.49")),
            new Product("P-1010", "Descaler", new BigDecimal("9.95")));

    public static final String CURRENCY = "EUR";

    private Catalog() {
    }

    /** The canonical city for a raw value, using the standardization Silver applies (trim, case-insensitive). */
    public static Optional<String> canonicalCity(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        return CITIES.stream().filter(c -> c.equalsIgnoreCase(trimmed)).findFirst();
    }

    /** The product for a raw code (trimmed, upper-cased), if the catalog has it. */
    public static Optional<Product> productByCode(String rawCode) {
        if (rawCode == null) {
            return Optional.empty();
        }
        String code = rawCode.strip().toUpperCase(Locale.ROOT);
        return PRODUCTS.stream().filter(p -> p.code().equals(code)).findFirst();
    }
}
