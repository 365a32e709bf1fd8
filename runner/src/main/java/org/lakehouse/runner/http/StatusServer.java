package org.lakehouse.runner.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.lakehouse.runner.daemon.RunnerHealth;
import org.lakehouse.runner.ledger.LedgerEntry;
import org.lakehouse.runner.ledger.RunLedger;
import org.lakehouse.runner.metrics.RunnerMetrics;
import org.lakehouse.runner.result.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's HTTP face, on 127.0.0.1 only: {@code /health} (JSON; 200 when up, 503 when not), {@code /metrics}
 * (Prometheus text) and {@code /runs} (the ledger, newest first, paged with {@code limit} and {@code offset},
 * filtered by {@code job} and {@code event}). Read-only: only GET and HEAD are served.
 */
public final class StatusServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    static final int MAX_LIMIT = 1000;

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on 127.0.0.1:{@code port} (0: any free port).
     *
     * @throws IOException when the port is taken, naming it
     */
    public static StatusServer start(int port, Supplier<RunnerHealth> health, RunnerMetrics metrics, Path ledger)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (java.net.BindException e) {
            throw new IOException("Port " + port + " on 127.0.0.1 is taken (" + e.getMessage() + "). Stop what "
                    + "uses it or pick another with --http-port N (0 = any free port, -1 = no HTTP).", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
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
        server.createContext("/", ex -> serve(ex, () -> new Response(404, "application/json",
                "{\"error\": \"not found: try /health, /metrics or /runs\"}".getBytes(StandardCharsets.UTF_8))));
        server.start();
        LOG.info("HTTP on http://127.0.0.1:{}/ (/health, /metrics, /runs)", server.getAddress().getPort());
        return new StatusServer(server, executor);
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
        List<LedgerEntry> entries = new ArrayList<>(RunLedger.read(ledger));
        Collections.reverse(entries);
        List<LedgerEntry> matching = entries.stream()
                .filter(e -> job == null || job.equals(e.job()))
                .filter(e -> event == null || e.event().name().equalsIgnoreCase(event)).toList();
        ObjectNode page = ResultStore.JSON.createObjectNode();
        page.put("total", matching.size());
        page.put("offset", offset);
        page.put("limit", limit);
        page.set("entries", ResultStore.JSON.valueToTree(
                matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))));
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
