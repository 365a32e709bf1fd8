package org.lakehouse.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Steps run at once, every one ends before run returns, failures come back as thrown, Spark's properties follow. */
class ParallelStepsTest {

    @Test
    void stepsRunAtTheSameTime() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicBoolean metA = new AtomicBoolean();
        AtomicBoolean metB = new AtomicBoolean();

        ParallelSteps.run("test", List.of(
                new ParallelSteps.Step("a", () -> metA.set(meet(bothStarted))),
                new ParallelSteps.Step("b", () -> metB.set(meet(bothStarted)))));

        assertThat(metA.get() && metB.get()).as("each step saw the other one running (one after the other they"
                + " would both wait in vain)").isTrue();
    }

    @Test
    void aFailureIsRethrownAsThrownAfterEveryStepEnded() {
        CountDownLatch aFailing = new CountDownLatch(1);
        AtomicBoolean bEnded = new AtomicBoolean();
        IllegalStateException failure = new IllegalStateException("step a failed");

        assertThatThrownBy(() -> ParallelSteps.run("test", List.of(
                new ParallelSteps.Step("a", () -> {
                    aFailing.countDown();
                    throw failure;
                }),
                new ParallelSteps.Step("b", () -> {
                    await(aFailing);
                    bEnded.set(true);
                }))))
                .as("the failure itself, not a wrapper").isSameAs(failure);
        assertThat(bEnded).as("the step beside the failed one had ended when run returned").isTrue();
    }

    @Test
    void theFirstFailureInStepOrderWinsAndCarriesTheOthers() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");

        assertThatThrownBy(() -> ParallelSteps.run("test", List.of(
                new ParallelSteps.Step("a", () -> {
                    throw first;
                }),
                new ParallelSteps.Step("b", () -> {
                    throw second;
                }))))
                .isSameAs(first)
                .satisfies(e -> assertThat(e.getSuppressed()).as("the later failure, kept").containsExactly(second));
    }

    @Test
    void eachStepRunsOnAThreadNamedAfterIt() {
        Map<String, String> threadOf = new ConcurrentHashMap<>();
        ParallelSteps.run("silver", List.of("quarantine", "deduplicate").stream().map(name ->
                new ParallelSteps.Step(name, () -> threadOf.put(name, Thread.currentThread().getName()))).toList());
        assertThat(threadOf).as("thread names, as logs and profiles show them")
                .containsExactlyInAnyOrderEntriesOf(Map.of("quarantine", "silver: quarantine",
                        "deduplicate", "silver: deduplicate"));
    }

    @Test
    void aSingleStepRunsOnTheCallingThread() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ParallelSteps.run("test", List.of(new ParallelSteps.Step("only", () -> ranOn.set(Thread.currentThread()))));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void noStepsIsNothingToDo() {
        assertThatCode(() -> ParallelSteps.run("test", List.of())).as("a Gold batch that touched no window")
                .doesNotThrowAnyException();
    }

    @Test
    void stepsCarryTheCallersJobGroupAndSchedulerPool() {
        SparkSession spark = SparkSessions.getOrCreate("lakehouse-test");
        List<String> keys = List.of("spark.jobGroup.id", "spark.scheduler.pool");
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        spark.sparkContext().setJobGroup("parallel-steps-test", "a streaming query's batch", true);
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", "silver");
        try {
            ParallelSteps.run("test", List.of("a", "b").stream().map(name -> new ParallelSteps.Step(name, () ->
                    seen.put(name, keys.stream().map(k -> spark.sparkContext().getLocalProperty(k)).toList())))
                    .toList());
        } finally {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
        assertThat(seen).as("the group a query's stop() cancels and the runner's pool cover both steps' jobs")
                .containsOnlyKeys("a", "b")
                .allSatisfy((step, values) -> assertThat(values).containsExactly("parallel-steps-test", "silver"));
    }

    /** Counts down, then waits for the others: true when all arrived. */
    private static boolean meet(CountDownLatch latch) {
        latch.countDown();
        return await(latch);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
