package org.lakehouse.producer.publish;

import java.time.Duration;

/** A snapshot of a running publish. */
public record PublishProgress(long sent, long acked, long failed, long total, Duration elapsed) {

    public double eventsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : acked / s;
    }
}
