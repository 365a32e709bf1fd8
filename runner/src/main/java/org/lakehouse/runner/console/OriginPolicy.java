package org.lakehouse.runner.console;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may talk to the console. The server binds 127.0.0.1 only, but a page from elsewhere, open in the same browser,
 * can still send requests there: a {@code Host} other than the loopback names (DNS rebinding) is refused for every
 * request, and a POST must come from the console's own origin ({@code Origin}, {@code Sec-Fetch-Site}) with a JSON
 * body (which a cross-site form cannot send, and a cross-site script cannot send without a CORS preflight the console
 * never grants). Pure: headers in, verdict out.
 */
final class OriginPolicy {
    private OriginPolicy() {
    }

    static Set<String> hosts(int port) {
        return Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    static boolean hostAllowed(String host, int port) {
        return host != null && hosts(port).contains(host.toLowerCase(Locale.ROOT));
    }

    /** Empty when a POST with these headers may be served, else why not. */
    static Optional<String> postRefusal(String origin, String fetchSite, String contentType, int port) {
        if (origin == null || hosts(port).stream().noneMatch(h -> origin.equalsIgnoreCase("http://" + h))) {
            return Optional.of("The request does not come from this console (Origin " + (origin == null ? "missing"
                    : "'" + origin + "'") + "): triggers are accepted from the console's own page only.");
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin")) {
            return Optional.of("The request is cross-site (Sec-Fetch-Site " + fetchSite + ").");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Optional.of("The request body must be JSON (Content-Type: application/json).");
        }
        return Optional.empty();
    }
}
