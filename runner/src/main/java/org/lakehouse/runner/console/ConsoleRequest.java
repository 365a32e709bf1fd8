package org.lakehouse.runner.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One request as the console's routes see it: method, path, decoded query parameters, headers, a bounded body. */
final class ConsoleRequest {
    private final HttpExchange exchange;
    private final Map<String, String> query;

    ConsoleRequest(HttpExchange exchange) {
        this.exchange = exchange;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank()).map(String::strip);
    }

    /** A whole-number query parameter in [min, max], or {@code dflt} when absent. */
    int number(String name, int dflt, int min, int max) {
        Optional<String> v = param(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ConsoleException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The port the request came in on (the runner's HTTP port). */
    int localPort() {
        return exchange.getLocalAddress().getPort();
    }

    /** The body, refused (413) when over {@code max} bytes. */
    byte[] body(int max) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new ConsoleException(413, "The request body is over " + max + " bytes.");
            }
            return b;
        }
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw ConsoleException.badRequest("The query string is not valid URL encoding.");
            }
        }
        return q;
    }
}
