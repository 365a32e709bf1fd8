package org.lakehouse.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults below the command line: the environment ({@code LAKEHOUSE_<SECTION>_<OPTION>}, e.g.
 * {@code LAKEHOUSE_PRODUCER_RATE}), then the section's file in {@code config/} (e.g. {@code producer.properties},
 * key = the option's long name without dashes), then the built-in defaults the code declares (one place each, e.g.
 * {@code FaultRatios.DEFAULTS}).
 * Precedence is therefore: command line > environment > config file > built-in default.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
    private final String section;
    private final Properties file;
    private final Map<String, String> env;
    private final Map<String, String> builtins;

    ConfigDefaults(String section, Properties file, Map<String, String> env, Map<String, String> builtins) {
        this.section = section;
        this.file = file;
        this.env = env;
        this.builtins = builtins;
    }

    /** Defaults for {@code section} from {@code config/<section>.properties} (optional) and the environment. */
    public static ConfigDefaults load(LakehouseHome home, String section, Map<String, String> builtins) {
        Properties props = new Properties();
        Path file = home.config(section + ".properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new CliException("Cannot read " + file + ": " + e.getMessage()
                        + ". Fix its permissions or remove it to use the built-in defaults.");
            }
        }
        return new ConfigDefaults(section, props, System.getenv(), builtins);
    }

    /** The same defaults, except that {@code keys} have none (an option whose absence means something). */
    public ConfigDefaults without(String... keys) {
        Map<String, String> fewer = new java.util.HashMap<>(builtins);
        Properties fileFewer = (Properties) file.clone();
        Map<String, String> envFewer = new java.util.HashMap<>(env);
        for (String key : keys) {
            fewer.remove(key);
            fileFewer.remove(key);
            envFewer.remove(envName(section, key));
        }
        return new ConfigDefaults(section, fileFewer, envFewer, fewer);
    }

    public static String envName(String section, String key) {
        return ("LAKEHOUSE_" + section + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String key = option.longestName().replaceFirst("^-+", "");
        String fromEnv = env.get(envName(section, key));
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromFile = file.getProperty(key);
        return fromFile != null ? fromFile.strip() : builtins.get(key);
    }
}
