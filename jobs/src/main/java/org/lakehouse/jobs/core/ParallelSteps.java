package org.lakehouse.jobs.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs a batch's independent steps at once, each on a thread of its own named after it, and returns when every one
 * has ended. Steps are independent when neither reads what the other writes, e.g. appends to different Delta tables.
 *
 * <p>*Why:* a small step is mostly driver work (planning, Delta's log and commit) between Spark jobs of a few tens of
 * milliseconds, during which the cores wait; two such steps side by side fill each other's gaps. Spark runs jobs from
 * several threads of one session (first come, first served), and Delta commits to different tables independently.
 *
 * <p>The threads are created by the calling thread, so they inherit its Spark local properties: the streaming query's
 * job group, which {@code stop()} cancels, and the runner's scheduler pool cover their jobs too.
 */
public final class ParallelSteps {
    /** A named piece of a batch's work. */
    public record Step(String name, Runnable work) {
    }

    private ParallelSteps() {
    }

    /**
     * Runs {@code steps} at once and waits for all of them, also when one fails: nothing of a batch is still running
     * when this returns. The first failure in the order of {@code steps} is rethrown as it was thrown (an
     * unchecked exception or error), the others are added to it as suppressed. One step runs on the calling thread;
     * no steps, nothing.
     *
     * @param owner names the threads with the step's name ("silver: orders"), e.g. the job
     */
    public static void run(String owner, List<Step> steps) {
        if (steps.size() <= 1) {
            steps.forEach(step -> step.work().run());
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Step step : steps) {
            futures.add(CompletableFuture.runAsync(step.work(), r -> thread(owner + ": " + step.name(), r).start()));
        }
        Throwable first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (first == null) {
                    first = cause;
                } else if (first != cause) {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private static Thread thread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
    }
}
