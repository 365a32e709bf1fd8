package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The settings table of producer/README.md lists every produce option with its real built-in default. */
class ProducerSettingsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z-]+)` \\| (`([^`]*)`|[^|]*) \\|", Pattern.MULTILINE);

    @Test
    void readmeTableMatchesTheCode() throws Exception {
        Path readme = Path.of(System.getProperty("lakehouse.root", "..")).resolve("producer/README.md");
        Map<String, String> documented = new HashMap<>();
        Matcher m = ROW.matcher(Files.readString(readme));
        while (m.find()) {
            documented.put(m.group(1), m.group(3));
        }
        CommandLine cli = new CommandLine(new ProduceCommand()).setDefaultValueProvider(
                new ConfigDefaults("producer", new Properties(), Map.of(), ProducerDefaults.builtins()));
        for (OptionSpec option : cli.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(documented).as("producer/README.md documents %s", name).containsKey(name);
            String actual = option.defaultValue() != null ? option.defaultValue()
                    : cli.getCommandSpec().defaultValueProvider().defaultValue(option);
            if (actual != null) {
                assertThat(documented.get(name)).as("documented default of %s", name).isEqualTo(actual);
            }
        }
    }
}
