package org.lakehouse.kafka.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides when the broker takes client requests: when a describeCluster on its client listener names a node. */
final class ReadinessProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessProbe.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_MS = 100;

    private ReadinessProbe() {
    }

    /** The host:port of the first advertised (else bound) listener that is not a controller listener. */
    static String bootstrapOf(Properties properties) {
        List<String> controllerNames = Arrays.asList(
                properties.getProperty("controller.listener.names", "CONTROLLER").split("\\s*,\\s*"));
        String listeners = properties.getProperty("advertised.listeners", properties.getProperty("listeners", ""));
        for (String listener : listeners.split("\\s*,\\s*")) {
            int separator = listener.indexOf("://");
            if (separator > 0 && !controllerNames.contains(listener.substring(0, separator).strip())) {
                return listener.substring(separator + 3);
            }
        }
        throw new IllegalArgumentException("No client listener in listeners/advertised.listeners: " + listeners);
    }

    static void await(String bootstrap, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "lakehouse-readiness-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes()
                            .get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("Broker on {} not ready yet: {}", bootstrap, e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Broker on " + bootstrap + " did not answer describeCluster within "
                            + timeout.toMillis() + " ms");
                }
                // Outside tests a short pause between probes is the simplest correct wait.
                Thread.sleep(RETRY_PAUSE_MS);
            }
        }
    }
}
