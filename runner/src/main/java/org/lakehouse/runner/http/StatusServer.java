package org.lakehouse.runner.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.lakehouse.runner.daemon.RunnerHealth;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.LedgerReader;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.result.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's HTTP face, on 127.0.0.1 only: {@code /health} (JSON; 200 when up, 503 when not), {@code /metrics}
 * (Prometheus text) and {@code /runs} (the ledger, newest first, paged with {@code limit} and {@code offset},
 * filtered by {@code job} and {@code event}). Read-only: only GET and HEAD are served. Every other path goes to
 * an optional handler (the web console, {@code org.lakehouse.runner.console}).
 */
public final class StatusServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    static final int MAX_LIMIT = 1000;

    static {
        // the JDK server writes a response's headers and body apart; with Nagle's algorithm on, the client's
        // delayed ACK then holds each small response about 40 ms
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    /** Ledger lines one /runs request looks at, at most (a filter matching nothing must not read all history). */
    static final int MAX_SCAN = 200_000;

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host}:{@code port} (127.0.0.1, or 0.0.0.0 inside a container whose published port is bound to the
     * host's loopback; port 0: any free port) without serving yet, so a taken port is known before anything else
     * starts.
     *
     * @throws IOException when the port is taken, naming it and the fix
     */
    public static Binding bind(String host, int port) throws IOException {
        try {
            InetAddress bind = host.equals("0.0.0.0") ? InetAddress.getByName(host) : InetAddress.getLoopbackAddress();
            return new Binding(HttpServer.create(new InetSocketAddress(bind, port), 16));
        } catch (java.net.BindException e) {
            throw new IOException("Port " + port + " on " + host + " is taken (" + e.getMessage() + "): is another "
                    + "runner up? Stop what uses it or pick another port with --http-port N (--http-port 0 = any "
                    + "free port, --http-port -1 = no HTTP).", e);
        }
    }

    /** A bound port, not serving yet. */
    public static final class Binding implements Closeable {
        private final HttpServer server;

        private Binding(HttpServer server) {
            this.server = server;
        }

        /**
         * Starts serving {@code /health}, {@code /metrics} and {@code /runs}, with {@code others} serving every
         * other path (the web console); null answers those with a JSON 404. {@code others} does its own method
         * checks: it is the only handler that may accept a POST.
         */
        public StatusServer open(Supplier<RunnerHealth> health, RunnerMetrics metrics, Path ledger,
                HttpHandler others) {
            // Four threads: a console page may wait a second or two on a Gold read while /health must still answer.
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "runner-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/health", ex -> serve(ex, () -> {
                RunnerHealth h = health.get();
                return new Response(h.up() ? 200 : 503, "application/json", ResultStore.JSON.writeValueAsBytes(h));
            }));
            server.createContext("/metrics", ex -> serve(ex, () -> new Response(200,
                    "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8))));
            server.createContext("/runs", ex -> serve(ex, () -> runs(ex.getRequestURI(), ledger)));
            server.createContext("/", others != null ? others : ex -> serve(ex, () -> new Response(404,
                    "application/json", "{\"error\": \"not found: try /health, /metrics or /runs\"}"
                            .getBytes(StandardCharsets.UTF_8))));
            warmUp(ledger);
            server.start();
            LOG.info("HTTP on http://127.0.0.1:{}/ (/health, /metrics, /runs{})", server.getAddress().getPort(),
                    others != null ? ", the console at /console/" : "");
            return new StatusServer(server, executor);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Builds the JSON (de)serializers of a /runs page once, at start, instead of on the first request. */
    private static void warmUp(Path ledger) {
        try {
            ResultStore.JSON.writeValueAsBytes(ResultStore.JSON.createObjectNode().set("entries",
                    ResultStore.JSON.valueToTree(LedgerReader.newest(ledger, 0, 1, e -> true, 1))));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Warming /runs up: {}", e.toString());
        }
    }

    /** Binds and serves at once (see {@link #bind} and {@link Binding#open}). */
    public static StatusServer start(String host, int port, Supplier<RunnerHealth> health, RunnerMetrics metrics,
            Path ledger, HttpHandler others) throws IOException {
        return bind(host, port).open(health, metrics, ledger, others);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private record Response(int status, String contentType, byte[] body) {
    }

    private interface Handler {
        Response handle() throws IOException;
    }

    private static void serve(HttpExchange ex, Handler handler) throws IOException {
        try (ex) {
            Response r;
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                r = new Response(405, "application/json",
                        "{\"error\": \"read-only: GET only\"}".getBytes(StandardCharsets.UTF_8));
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
            } else {
                try {
                    r = handler.handle();
                } catch (IllegalArgumentException e) {
                    ObjectNode err = ResultStore.JSON.createObjectNode().put("error", e.getMessage());
                    r = new Response(400, "application/json", ResultStore.JSON.writeValueAsBytes(err));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Serving {} failed: {}", ex.getRequestURI().getPath(), e.toString());
                    r = new Response(500, "application/json",
                            "{\"error\": \"internal error, see the runner's log\"}".getBytes(StandardCharsets.UTF_8));
                }
            }
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            boolean head = method.equals("HEAD");
            ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }

    private static Response runs(URI uri, Path ledger) throws IOException {
        Map<String, String> q = query(uri.getRawQuery());
        int limit = number(q, "limit", 50, 1, MAX_LIMIT);
        int offset = number(q, "offset", 0, 0, Integer.MAX_VALUE);
        String job = q.get("job");
        String event = q.get("event");
        // newest first, read backwards from the end: a page costs the same however long the ledger is
        List<LedgerEntry> matching = LedgerReader.newest(ledger, offset, limit + 1,
                e -> (job == null || job.equals(e.job())) && (event == null || e.event().name()
                        .equalsIgnoreCase(event)), MAX_SCAN);
        ObjectNode page = ResultStore.JSON.createObjectNode();
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("has_more", matching.size() > limit);
        page.set("entries", ResultStore.JSON.valueToTree(matching.subList(0, Math.min(limit, matching.size()))));
        return new Response(200, "application/json", ResultStore.JSON.writeValueAsBytes(page));
    }

    private static int number(Map<String, String> q, String name, int dflt, int min, int max) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
