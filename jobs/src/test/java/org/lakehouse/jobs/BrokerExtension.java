package org.lakehouse.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lakehouse.kafka.EmbeddedKafka;
import org.lakehouse.kafka.EmbeddedKafkaConfig;

/**
 * One real embedded KRaft broker per test class, in a temporary folder deleted afterwards. Register it as a
 * {@code static} field with {@code @RegisterExtension}; tests give each lake its own topic.
 */
final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("lakehouse-broker-");
        broker = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            broker.close();
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }
}
