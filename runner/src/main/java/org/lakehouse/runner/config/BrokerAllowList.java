package org.lakehouse.runner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lakehouse.jobs.core.BrokerAddress;

/**
 * The Kafka brokers a trigger may point a job at (setting {@code trigger-brokers}): {@code host:port} patterns,
 * comma-separated, where {@code *} stands for any port or any host (never part of one). Hosts compare as text,
 * ignoring case: {@code localhost} does not allow {@code 127.0.0.1}, nor the reverse. Empty allows none.
 */
public final class BrokerAllowList {
    private static final String ANY = "*";

    /** One pattern; {@code port} 0 is any port. */
    private record Entry(String host, int port) {
        boolean allows(BrokerAddress broker) {
            return (host.equals(ANY) || host.equals(broker.host())) && (port == 0 || port == broker.port());
        }

        @Override
        public String toString() {
            return host + ":" + (port == 0 ? ANY : Integer.toString(port));
        }
    }

    private final List<Entry> entries;

    private BrokerAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the setting's value.
     *
     * @throws IllegalArgumentException naming the entry that is not a pattern
     */
    public static BrokerAllowList parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        if (spec.isBlank()) {
            return new BrokerAllowList(entries);
        }
        for (String raw : spec.split(",", -1)) {
            String entry = raw.strip();
            int colon = entry.lastIndexOf(':');
            String host = colon < 0 ? "" : entry.substring(0, colon).toLowerCase(Locale.ROOT);
            String port = colon < 0 ? "" : entry.substring(colon + 1);
            boolean hostOk = host.equals(ANY) || BrokerAddress.validHost(host);
            boolean portOk = port.equals(ANY) || port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1
                    && Integer.parseInt(port) <= 65535;
            if (!hostOk || !portOk) {
                throw new IllegalArgumentException("'" + entry + "' is not a host:port pattern");
            }
            entries.add(new Entry(host, port.equals(ANY) ? 0 : Integer.parseInt(port)));
        }
        return new BrokerAllowList(entries);
    }

    /** Whether some pattern allows {@code broker}. */
    public boolean allows(BrokerAddress broker) {
        return entries.stream().anyMatch(e -> e.allows(broker));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The patterns as the setting takes them. */
    @Override
    public String toString() {
        return entries.stream().map(Entry::toString).collect(Collectors.joining(","));
    }
}
