package org.lakehouse.jobs.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Builds Spark sessions with the project's settings ({@code config/spark.properties}, carried in the jar). A
 * setting that spark-submit already put in the JVM's system properties ({@code --conf}, {@code --master}) wins.
 */
public final class SparkSessions {
    static final String RESOURCE = "/lakehouse/spark.properties";

    private SparkSessions() {
    }

    /** The project's session settings, as the file declares them. */
    public static Map<String, String> settings() {
        Properties p = new Properties();
        try (InputStream in = SparkSessions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the classpath; rebuild with `mvn -q -DskipTests package`");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the Spark settings", e);
        }
        Map<String, String> settings = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).strip()));
        return settings;
    }

    /** Gets or creates the session for {@code appName}, applying the settings spark-submit did not set. */
    public static SparkSession getOrCreate(String appName) {
        return getOrCreate(appName, Map.of());
    }

    /** As {@link #getOrCreate(String)}, with {@code extra} settings over the file's (spark-submit's still win). */
    public static SparkSession getOrCreate(String appName, Map<String, String> extra) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        Map<String, String> all = new TreeMap<>(settings());
        all.putAll(extra);
        all.forEach((k, v) -> {
            if (System.getProperty(k) == null && !k.equals("spark.app.name")) {
                builder.config(k, v);
            }
        });
        return builder.getOrCreate();
    }
}
