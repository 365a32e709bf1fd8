package org.lakehouse.runner.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's static files, from the runner jar: a fixed map from URL path to class-path resource, so no part of a
 * request ever names a file. Chart.js comes from its WebJar ({@code org.webjars.npm:chart.js}), whose version is read
 * from the jar's own {@code pom.properties}.
 */
final class ConsoleAssets {
    static final String CHART_JS = "/console/vendor/chart.umd.min.js";
    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private record Asset(String resource, String contentType) {
    }

    private final Map<String, Asset> assets;

    ConsoleAssets() {
        this.assets = Map.of(
                "/console/", new Asset("/console/index.html", "text/html; charset=utf-8"),
                "/console/console.js", new Asset("/console/console.js", "text/javascript; charset=utf-8"),
                "/console/console.css", new Asset("/console/console.css", "text/css; charset=utf-8"),
                CHART_JS, new Asset("/META-INF/resources/webjars/chart.js/" + chartJsVersion()
                        + "/dist/chart.umd.min.js", "text/javascript; charset=utf-8"));
    }

    /** The vendored Chart.js version. */
    static String chartJsVersion() {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js (org.webjars.npm:chart.js) is not on the class path; "
                        + "rebuild the runner with `mvn -q -DskipTests package`.");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The asset served at {@code path}, if there is one. */
    Optional<ConsoleResponse> find(String path) throws IOException {
        Asset a = assets.get(path);
        if (a == null) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(a.resource())) {
            if (in == null) {
                throw new IOException("console resource " + a.resource() + " is missing from the runner jar");
            }
            return Optional.of(new ConsoleResponse(200, a.contentType(), in.readAllBytes(), Map.of()));
        }
    }
}
