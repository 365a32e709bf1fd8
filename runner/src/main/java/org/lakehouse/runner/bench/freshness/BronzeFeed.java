package org.lakehouse.runner.bench.freshness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lakehouse.runner.daemon.RunListener;

/**
 * What keeps Bronze running while orders arrive: when a Bronze run ends and Kafka has new offsets, the next Bronze
 * run is requested at once; otherwise Kafka's end offsets are looked at every poll interval. Chaining then carries
 * each Bronze run on to Silver and Gold.
 */
interface BronzeFeed extends AutoCloseable {
    /** Runner settings the feed needs (on top of the benchmark's own). */
    Map<String, String> runnerSettings();

    /** Told of the runner's run starts and ends. */
    RunListener listener();

    /**
     * Begins feeding, after a first Bronze run (with {@code bronzeParams}) has run on an empty topic.
     *
     * @param incoming the trigger root's {@code incoming/}
     */
    void start(Path incoming, Map<String, String> bronzeParams) throws IOException;

    /** Stops feeding; a Bronze run already requested still runs. Idempotent. */
    @Override
    void close();
}
