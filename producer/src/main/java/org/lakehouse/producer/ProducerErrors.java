package org.lakehouse.producer;

/** The one place producer errors are worded: each says what failed, why, and how to fix it. */
public final class ProducerErrors {
    private ProducerErrors() {
    }

    public static ProducerException invalidSetting(String name, Object value, String why, String fix) {
        return new ProducerException(
                "Invalid producer setting " + name + "=" + value + ": " + why + ". " + fix, null, true);
    }

    public static ProducerException idempotenceBroken(String property, String value, String why) {
        return new ProducerException(
                "Kafka producer property " + property + "=" + value + " would turn idempotence off (" + why
                        + "), so a retry could write an event twice. Remove the override, or set it to a value"
                        + " that keeps acks=all and enable.idempotence=true.", null, true);
    }

    public static ProducerException sendFailed(long failed, Throwable first) {
        return new ProducerException(
                failed + " event(s) were not acknowledged by Kafka (first error: " + first + "). The manifest"
                        + " is marked incomplete. Check that the broker is reachable and the topic exists, then"
                        + " re-run with the same --seed and --start-time.", first, false);
    }

    public static ProducerException topicUnavailable(String topic, String bootstrap, Throwable cause) {
        return new ProducerException(
                "Cannot create or describe topic '" + topic + "' on " + bootstrap + ": " + cause.getMessage()
                        + ". Check --bootstrap (is the broker up? `lakehouse kafka` starts one) and that this"
                        + " client may create topics.", cause, false);
    }

    public static ProducerException schemaUnreadable(String resource, Throwable cause) {
        return new ProducerException(
                "Cannot read the Avro schema " + resource + ": " + cause.getMessage()
                        + ". It is built from config/schemas/; rebuild with `mvn -q -DskipTests package`.", cause, false);
    }

    public static ProducerException manifestUnwritable(String path, Throwable cause) {
        return new ProducerException(
                "Cannot write the manifest to " + path + ": " + cause.getMessage()
                        + ". Choose a writable --manifest path.", cause, false);
    }
}
