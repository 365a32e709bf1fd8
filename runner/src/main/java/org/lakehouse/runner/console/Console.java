package org.lakehouse.runner.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.lakehouse.jobs.core.LakePaths;
import org.lakehouse.runner.ledger.RunLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's router, serving every path of the runner's HTTP port besides {@code /health}, {@code /metrics} and
 * {@code /runs}: the pages under {@code /console/}, their JSON under {@code /api/}. GET and HEAD only, unless
 * {@code console-triggers=true}, which registers the one POST route, {@code /api/triggers}. Every answer carries a
 * strict Content-Security-Policy (scripts and styles from this origin only, no inline code) and is never cached;
 * requests naming another host are refused ({@link OriginPolicy}).
 *
 * <p>Threads: called on the HTTP server's pool; the views are thread-safe.
 */
public final class Console implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** How often the pages poll, in ms. */
    static final int REFRESH_MS = 2000;

    private interface Route {
        ConsoleResponse handle(ConsoleRequest req) throws IOException;
    }

    private final Map<String, Route> get = new LinkedHashMap<>();
    private final Map<String, Route> post = new LinkedHashMap<>();
    private final ConsoleAssets assets = new ConsoleAssets();

    private Console(ConsoleContext context, GoldSource gold) {
        LedgerRows ledger = new LedgerRows(context.config().ledger().resolve(RunLedger.FILE));
        TriggerFolders folders = new TriggerFolders(context.config());
        OverviewView overview = new OverviewView(context, ledger, folders);
        RunsView runs = new RunsView(ledger, folders);
        GoldView goldView = new GoldView(new GoldReader(new LakePaths(context.config().dataDir()), gold));
        TriggerForm form = new TriggerForm(context, folders, ledger);
        boolean triggers = context.config().consoleTriggers();
        get.put("/api/console", req -> ConsoleResponse.ok(about(context, triggers)));
        get.put("/api/overview", req -> ConsoleResponse.ok(overview.build()));
        get.put("/api/runs", req -> ConsoleResponse.ok(runs.list(req)));
        get.put("/api/run", req -> ConsoleResponse.ok(runs.detail(req)));
        get.put("/api/gold/revenue-by-city-hour", req -> ConsoleResponse.ok(goldView.revenueByCityHour()));
        get.put("/api/gold/revenue-by-product-day", req -> ConsoleResponse.ok(goldView.revenueByProductDay()));
        get.put("/api/gold/quality-by-hour", req -> ConsoleResponse.ok(goldView.qualityByHour()));
        get.put("/api/trigger", req -> ConsoleResponse.ok(form.status(req)));
        if (triggers) {
            post.put("/api/triggers", form::submit);
        }
    }

    /** The console of a runner, reading Gold through Spark. */
    public static Console create(ConsoleContext context) {
        return new Console(context, new SparkGoldSource());
    }

    /** A console reading Gold from {@code gold} (tests). */
    static Console create(ConsoleContext context, GoldSource gold) {
        return new Console(context, gold);
    }

    private static ObjectNode about(ConsoleContext context, boolean triggers) {
        ObjectNode o = ConsoleResponse.JSON.createObjectNode();
        o.set("jobs", ConsoleResponse.JSON.valueToTree(new TreeSet<>(context.launcher().jobs())));
        o.put("triggers_enabled", triggers);
        o.put("refresh_ms", REFRESH_MS);
        o.put("trigger_root", context.config().triggerRoot().toString());
        o.put("data_dir", context.config().dataDir().toString());
        o.put("chart_js", ConsoleAssets.chartJsVersion());
        return o;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ConsoleResponse r;
            try {
                r = route(new ConsoleRequest(ex));
            } catch (ConsoleException e) {
                r = ConsoleResponse.error(e.status(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Console: serving {} failed: {}", ex.getRequestURI().getPath(), e.toString());
                r = ConsoleResponse.error(500, "Internal error; see the runner's log.");
            }
            write(ex, r);
        }
    }

    private ConsoleResponse route(ConsoleRequest req) throws IOException {
        if (!OriginPolicy.hostAllowed(req.header("Host"), req.localPort())) {
            return ConsoleResponse.error(421, "This console answers to 127.0.0.1 and localhost only.");
        }
        String method = req.method();
        String path = req.path();
        if (method.equals("GET") || method.equals("HEAD")) {
            if (path.equals("/") || path.equals("/console")) {
                return ConsoleResponse.redirect("/console/");
            }
            Route route = get.get(path);
            if (route != null) {
                return route.handle(req);
            }
            Optional<ConsoleResponse> asset = assets.find(path);
            return asset.orElseGet(() -> ConsoleResponse.error(404,
                    "Not found: try /console/, /health, /metrics or /runs."));
        }
        Route route = method.equals("POST") ? post.get(path) : null;
        if (route == null) {
            return new ConsoleResponse(405, ConsoleResponse.JSON_TYPE, ConsoleResponse.JSON.createObjectNode()
                    .put("error", post.isEmpty() ? "Read-only: the console's trigger form is off (runner setting "
                            + "console-triggers=false)." : "GET only here; POST goes to " + post.keySet() + ".")
                    .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("Allow", post.containsKey(path) ? "POST" : "GET, HEAD"));
        }
        Optional<String> refused = OriginPolicy.postRefusal(req.header("Origin"), req.header("Sec-Fetch-Site"),
                req.header("Content-Type"), req.localPort());
        if (refused.isPresent()) {
            return ConsoleResponse.error(403, refused.get());
        }
        return route.handle(req);
    }

    private static void write(HttpExchange ex, ConsoleResponse r) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", r.contentType());
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", CSP);
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        r.headers().forEach(h::set);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }
}
