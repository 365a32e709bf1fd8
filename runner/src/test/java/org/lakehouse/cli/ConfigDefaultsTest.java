package org.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConfigDefaultsTest {
    private static long seedWith(ConfigDefaults defaults, String... args) {
        ProduceCommand command = new ProduceCommand();
        CommandLine cli = new CommandLine(command).setDefaultValueProvider(defaults);
        cli.parseArgs(args);
        return command.generator.seed;
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsBuiltIn() {
        Properties file = new Properties();
        file.setProperty("seed", "2");
        Map<String, String> env = Map.of("LAKEHOUSE_PRODUCER_SEED", "3");
        Map<String, String> builtins = ProducerDefaults.builtins();

        assertThat(seedWith(new ConfigDefaults("producer", new Properties(), Map.of(), builtins)))
                .as("built-in default").isEqualTo(42);
        assertThat(seedWith(new ConfigDefaults("producer", file, Map.of(), builtins))).as("file").isEqualTo(2);
        assertThat(seedWith(new ConfigDefaults("producer", file, env, builtins))).as("environment").isEqualTo(3);
        assertThat(seedWith(new ConfigDefaults("producer", file, env, builtins), "--seed", "4"))
                .as("command line").isEqualTo(4);
    }

    @Test
    void withoutRemovesAKeyFromEveryLayer() {
        Properties file = new Properties();
        file.setProperty("bootstrap", "file:1");
        ConfigDefaults d = new ConfigDefaults("producer", file, Map.of("LAKEHOUSE_PRODUCER_BOOTSTRAP", "env:1"),
                ProducerDefaults.builtins()).without("bootstrap");
        ProduceCommand command = new ProduceCommand();
        new CommandLine(command).setDefaultValueProvider(d).parseArgs();
        assertThat(command.bootstrap).as("bootstrap after without()").isNull();
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertThat(ConfigDefaults.envName("producer", "out-of-order-ratio"))
                .isEqualTo("LAKEHOUSE_PRODUCER_OUT_OF_ORDER_RATIO");
    }
}
