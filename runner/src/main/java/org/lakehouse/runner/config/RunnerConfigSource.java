package org.lakehouse.runner.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the runner's settings by precedence: command line > environment ({@code LAKEHOUSE_RUNNER_<KEY>}) >
 * config file ({@code config/runner.properties}) > built-in default.
 */
public final class RunnerConfigSource {
    private RunnerConfigSource() {
    }

    public static RunnerConfig load(Path home, Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new RunnerConfigException("Cannot read " + file + ": " + e.getMessage()
                        + ". Fix its permissions or remove it to use the built-in defaults.");
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
        }
        for (RunnerSetting s : RunnerSetting.values()) {
            String fromEnv = env.get(RunnerConfig.envName(s));
            if (fromEnv != null) {
                values.put(s.key(), fromEnv);
            }
        }
        values.putAll(overrides);
        return RunnerConfig.from(home, values);
    }
}
