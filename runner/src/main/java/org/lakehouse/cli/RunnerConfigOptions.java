package org.lakehouse.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lakehouse.runner.config.RunnerConfig;
import org.lakehouse.runner.config.RunnerConfigException;
import org.lakehouse.runner.config.RunnerConfigSource;
import org.lakehouse.runner.config.RunnerSetting;
import picocli.CommandLine.Option;

/**
 * The runner's settings on the command line, shared by {@code runner}, {@code trigger} and {@code status}, over
 * the environment ({@code LAKEHOUSE_RUNNER_*}), {@code config/runner.properties} and the built-in defaults.
 */
final class RunnerConfigOptions {
    @Option(names = "--trigger-root", paramLabel = "DIR",
            description = "The trigger root (default: trigger-root of config/runner.properties, data/triggers).")
    Path triggerRoot;

    @Option(names = "--http-port", paramLabel = "N",
            description = "HTTP port on 127.0.0.1 for /health, /metrics, /runs (default: http-port, 8765; 0 = any "
                    + "free port, -1 = none).")
    Integer httpPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any runner setting (repeatable), e.g. --set max-concurrent-jobs=1; see runner/README.md.")
    Map<String, String> settings = new LinkedHashMap<>();

    RunnerConfig config() {
        return config(Map.of());
    }

    /** The merged config, with {@code extra} below this command line's own settings. */
    RunnerConfig config(Map<String, String> extra) {
        LakehouseHome home = LakehouseHome.detect();
        Map<String, String> overrides = new LinkedHashMap<>(extra);
        overrides.putAll(settings);
        if (httpPort != null) {
            overrides.put(RunnerSetting.HTTP_PORT.key(), httpPort.toString());
        }
        if (triggerRoot != null) {
            overrides.put(RunnerSetting.TRIGGER_ROOT.key(), triggerRoot.toAbsolutePath().toString());
        }
        try {
            return RunnerConfigSource.load(home.root(), home.config("runner.properties"), System.getenv(),
                    overrides);
        } catch (RunnerConfigException e) {
            throw new CliUsageException(e.getMessage());
        }
    }
}
