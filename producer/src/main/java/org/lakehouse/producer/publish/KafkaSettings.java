package org.lakehouse.producer.publish;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lakehouse.producer.ProducerErrors;

/**
 * The Kafka producer properties: durable defaults (acks=all, idempotence on, bounded delivery time) plus user
 * overrides, refusing any override that would silently turn idempotence off.
 */
public final class KafkaSettings {
    /** How long one record may take, retries included, before its send fails (bounded retries). */
    public static final int DELIVERY_TIMEOUT_MS = 120_000;

    private KafkaSettings() {
    }

    public static Properties producerProperties(String bootstrap, String clientId, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(DELIVERY_TIMEOUT_MS));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        overrides.forEach((k, v) -> {
            validate(k, v);
            p.put(k, v);
        });
        return p;
    }

    /** Refuses any override that would turn idempotence off or replace a property the producer owns. */
    public static void validateOverrides(Map<String, String> overrides) {
        overrides.forEach(KafkaSettings::validate);
    }

    static void validate(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case ProducerConfig.ACKS_CONFIG -> {
                if (!v.equals("all") && !v.equals("-1")) {
                    throw ProducerErrors.idempotenceBroken(key, value, "idempotence needs acks=all");
                }
            }
            case ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG -> {
                if (!v.equals("true")) {
                    throw ProducerErrors.idempotenceBroken(key, value, "it is the switch itself");
                }
            }
            case ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION -> {
                if (parse(key, value) > 5 || parse(key, value) < 1) {
                    throw ProducerErrors.idempotenceBroken(key, value, "idempotence allows 1 to 5 in flight");
                }
            }
            case ProducerConfig.RETRIES_CONFIG -> {
                if (parse(key, value) < 1) {
                    throw ProducerErrors.idempotenceBroken(key, value, "idempotence needs retries > 0");
                }
            }
            case ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG -> throw ProducerErrors.invalidSetting(key, value,
                    "this property is set by the producer itself", "Use --bootstrap for the broker address.");
            default -> {
                // any other client property is the user's choice; the client validates its type
            }
        }
    }

    private static long parse(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProducerErrors.invalidSetting(key, value, "not a whole number", "Pass a number.");
        }
    }
}
