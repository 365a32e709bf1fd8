package org.lakehouse.jobs.bench.growth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Raises some loggers to DEBUG while open and restores their levels on {@link #close()}: the growth benchmark turns
 * on the step times Silver and Gold log per batch, so where a round's growth goes can be read from its log. Only
 * with logback, the command line's binding; with another binding it changes nothing.
 */
final class StepLogs implements AutoCloseable {
    private final Map<ch.qos.logback.classic.Logger, ch.qos.logback.classic.Level> before = new LinkedHashMap<>();

    private StepLogs() {
    }

    static StepLogs debug(Class<?>... sources) {
        StepLogs logs = new StepLogs();
        // by name: without logback on the classpath its classes must not be touched
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            for (Class<?> source : sources) {
                var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(source);
                logs.before.put(logger, logger.getLevel());
                logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
            }
        }
        return logs;
    }

    @Override
    public void close() {
        before.forEach(ch.qos.logback.classic.Logger::setLevel);
        before.clear();
    }
}
