package org.lakehouse.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks the calling thread until the JVM starts shutting down (Ctrl-C, SIGTERM). */
final class KeepRunning {
    private KeepRunning() {
    }

    static void untilShutdown() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(latch::countDown, "keep-running"));
        latch.await();
    }
}
