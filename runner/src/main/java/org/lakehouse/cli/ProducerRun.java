package org.lakehouse.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lakehouse.producer.OrderProducer;
import org.lakehouse.producer.ProduceConfig;
import org.lakehouse.producer.ProduceResult;

/**
 * Runs the producer in the foreground with a SIGINT/SIGTERM hook: the hook asks the producer to stop, then waits
 * (bounded) for the run to flush, write its manifest and report, so Ctrl-C never loses or half-writes anything.
 */
final class ProducerRun {
    private static final long SHUTDOWN_WAIT_S = 60;

    private ProducerRun() {
    }

    static ProduceResult runWithSignals(ProduceConfig config, Consumer<ProduceResult> report) {
        ConsoleProgress progress = ConsoleProgress.forThisProcess();
        OrderProducer producer = new OrderProducer(config, progress);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            producer.requestStop();
            try {
                done.await(SHUTDOWN_WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ProduceResult result = producer.run();
            progress.finish();
            report.accept(result);
            return result;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that done is counted down
            }
        }
    }
}
