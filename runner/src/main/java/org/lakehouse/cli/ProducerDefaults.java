package org.lakehouse.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.RecordKind;

/** The built-in defaults of the producer options, taken from the producer's own config records. */
final class ProducerDefaults {
    static final String BOOTSTRAP = "127.0.0.1:9092";

    private ProducerDefaults() {
    }

    static Map<String, String> builtins() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap", BOOTSTRAP);
        m.put("topic", ProduceConfig.DEFAULT_TOPIC);
        m.put("partitions", String.valueOf(ProduceConfig.DEFAULT_PARTITIONS));
        m.put("rate", "0");
        m.put("seed", String.valueOf(GeneratorConfig.DEFAULT_SEED));
        m.put("count", String.valueOf(GeneratorConfig.DEFAULT_COUNT));
        m.put("format", "json");
        m.put("span", GeneratorConfig.DEFAULT_SPAN.toString());
        for (RecordKind kind : RecordKind.values()) {
            if (kind != RecordKind.VALID) {
                m.put(kind.key().replace('_', '-') + "-ratio", String.valueOf(FaultRatios.DEFAULTS.ratio(kind)));
            }
        }
        return m;
    }
}
