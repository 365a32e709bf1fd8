package org.lakehouse.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops every broker this JVM still runs when the JVM exits, so a test run or CLI that ends without closing its
 * brokers leaves no orphan behind. A JVM killed with SIGKILL runs no hooks; for that case each broker watches its
 * launcher's pid itself and shuts down when it is gone.
 *
 * <p>Thread-safe: brokers register from any thread; the one hook is installed on the first registration.
 */
final class OrphanGuard {
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    private static final Set<BrokerProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private OrphanGuard() {
    }

    static void register(BrokerProcess broker) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(OrphanGuard::stopAll, "kafka-broker-orphan-guard"));
        }
        RUNNING.add(broker);
    }

    static void unregister(BrokerProcess broker) {
        RUNNING.remove(broker);
    }

    private static void stopAll() {
        List<BrokerProcess> brokers = List.copyOf(RUNNING);
        // Signal all first so they shut down in parallel, then wait for each.
        brokers.forEach(BrokerProcess::signalStop);
        brokers.forEach(broker -> broker.stop(EXIT_GRACE));
    }
}
