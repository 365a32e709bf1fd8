package org.lakehouse.runner.bench.freshness;

/**
 * One valid order's latency, in milliseconds, split by hop: {@code bronze} from its send to the Bronze commit that
 * wrote it, {@code silver} from there to the Silver commit that wrote it, {@code gold} from there to the first Gold
 * commit that counts it. Each hop's {@code wait} is the part of it in which the trigger of the run that made the
 * hop's commit was waiting for that run to start.
 */
public record OrderLatency(long bronzeMs, long silverMs, long goldMs, long bronzeWaitMs, long silverWaitMs,
        long goldWaitMs) {

    /** From the send to the first Gold commit that counts the order. */
    public long totalMs() {
        return bronzeMs + silverMs + goldMs;
    }

    /** The waiting of the three hops together. */
    public long waitMs() {
        return bronzeWaitMs + silverWaitMs + goldWaitMs;
    }
}
