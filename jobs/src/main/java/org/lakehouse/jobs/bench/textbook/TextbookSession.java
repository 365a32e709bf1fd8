package org.lakehouse.jobs.bench.textbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.lakehouse.jobs.core.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The textbook's session: {@code spark.newSession()} of ours, with every setting of {@code config/spark.properties}
 * that a session can change back at Spark's or Delta's default, so the textbook pipeline runs untuned in the same
 * warm JVM. *Why a new session of the same JVM:* a second JVM would compare cold code with warm code; a new session
 * shares the JIT's work and the SparkContext, and nothing else that our settings decide per session.
 *
 * @param session  the textbook's session
 * @param settings our settings by scope: those of {@link SettingScope#SESSION} were reset, the others are kept
 */
public record TextbookSession(SparkSession session, Map<SettingScope, List<String>> settings) {
    private static final Logger LOG = LoggerFactory.getLogger(TextbookSession.class);

    public TextbookSession {
        settings = Map.copyOf(settings);
    }

    /** A new session of {@code ours} with our resettable settings at their defaults. */
    public static TextbookSession of(SparkSession ours) {
        SparkSession session = ours.newSession();
        Map<SettingScope, List<String>> byScope = new EnumMap<>(SettingScope.class);
        for (String key : SparkSessions.settings().keySet()) {
            SettingScope scope = SettingScope.of(key, SQLConf::isStaticConfigKey);
            byScope.computeIfAbsent(scope, s -> new ArrayList<>()).add(key);
            if (scope.resettable()) {
                session.conf().unset(key);
            }
        }
        LOG.info("Textbook session: at Spark's and Delta's defaults {}; kept as ours: Delta's setup {}, static {}, "
                + "SparkContext-level {}", byScope.getOrDefault(SettingScope.SESSION, List.of()),
                byScope.getOrDefault(SettingScope.DELTA_SETUP, List.of()),
                byScope.getOrDefault(SettingScope.STATIC_SQL, List.of()),
                byScope.getOrDefault(SettingScope.SPARK_CONTEXT, List.of()));
        return new TextbookSession(session, byScope);
    }
}
