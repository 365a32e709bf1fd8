package org.lakehouse.jobs.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Kafka broker as {@code host:port}: a host name or IPv4 address (letters, digits, '.', '-', '_'), or an IPv6
 * address in brackets, and a port from 1 to 65535. Hosts are kept in lower case, so two spellings of one name
 * compare equal. No scheme ({@code PLAINTEXT://}), path or space is accepted: a list that parses here is passed to
 * Kafka exactly as {@link #join} writes it.
 */
public record BrokerAddress(String host, int port) {
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");
    private static final int MAX_HOST = 253;
    private static final String EXAMPLE = "write host:port, comma-separated, e.g. 127.0.0.1:9092,kafka:9092";

    public BrokerAddress {
        if (!validHost(host)) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name, IPv4 or [IPv6] address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code host} is a host name, an IPv4 address or a bracketed IPv6 address (any case). */
    public static boolean validHost(String host) {
        if (host == null || host.isEmpty() || host.length() > MAX_HOST) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return NAME.matcher(h).matches() || IPV6.matcher(h).matches();
    }

    /**
     * Parses {@code host:port[,host:port...]}; spaces around an entry are dropped, none may be inside one.
     *
     * @throws IllegalArgumentException saying which entry is wrong and how a list is written
     */
    public static List<BrokerAddress> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("names no broker: " + EXAMPLE);
        }
        List<BrokerAddress> brokers = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            brokers.add(parse(entry.strip()));
        }
        return brokers;
    }

    private static BrokerAddress parse(String entry) {
        String shown = entry.length() > 64 ? entry.substring(0, 64) + "..." : entry;
        String wrong = "has the entry '" + shown + "', which is not host:port";
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("has an empty entry (two commas, or one at an end): " + EXAMPLE);
        }
        int colon = entry.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(wrong + " (no port): " + EXAMPLE);
        }
        String host = entry.substring(0, colon);
        String port = entry.substring(colon + 1);
        if (!validHost(host)) {
            throw new IllegalArgumentException(wrong + " (the host is not a host name, IPv4 or [IPv6] address; "
                    + "no scheme such as PLAINTEXT://, no spaces): " + EXAMPLE);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(wrong + " (the port is not a number from 1 to 65535): " + EXAMPLE);
        }
        return new BrokerAddress(host, Integer.parseInt(port));
    }

    /** The list as Kafka's {@code bootstrap.servers} takes it. */
    public static String join(List<BrokerAddress> brokers) {
        return brokers.stream().map(BrokerAddress::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
