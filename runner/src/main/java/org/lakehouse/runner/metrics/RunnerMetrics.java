package org.lakehouse.runner.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runner's meters, in Prometheus form: triggers by outcome, the queue, runs in progress, job durations by job
 * and status, and the latency from a trigger's claim to its run's start (a histogram). Thread-safe.
 */
public final class RunnerMetrics {
    /** What became of a trigger, as counted by {@code lakehouse_triggers_total{outcome=...}}. */
    public enum Outcome { CLAIMED, SUCCEEDED, FAILED, DUPLICATE, REJECTED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Outcome, Counter> triggers = new EnumMap<>(Outcome.class);
    private final Timer claimToStart;

    public RunnerMetrics() {
        for (Outcome o : Outcome.values()) {
            triggers.put(o, Counter.builder("lakehouse.triggers").tag("outcome", o.name().toLowerCase())
                    .description("Triggers by what became of them").register(registry));
        }
        claimToStart = Timer.builder("lakehouse.trigger.to.start")
                .description("From a trigger's claim to the start of the run that serves it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    /** Exposes the queue length and the runs in progress, read when scraped. */
    public void gauges(Supplier<Number> queued, Supplier<Number> running) {
        Gauge.builder("lakehouse.queue.length", queued).description("Claimed triggers waiting for a run")
                .register(registry);
        Gauge.builder("lakehouse.runs.active", running).description("Runs in progress (running or in backoff)")
                .register(registry);
    }

    /**
     * Exposes the pipeline's freshness, read when scraped: {@code lakehouse_kafka_lag_records} (records in bronze's
     * topics that bronze has not read) and {@code lakehouse_gold_freshness_seconds} (the age of the newest event Gold
     * has counted); each NaN while unknown.
     */
    public void freshness(Supplier<Number> kafkaLagRecords, Supplier<Number> goldFreshnessSeconds) {
        Gauge.builder("lakehouse.kafka.lag.records", kafkaLagRecords)
                .description("Records in bronze's Kafka topics that bronze has not read (end offsets minus bronze's "
                        + "committed offsets); NaN while Kafka cannot be asked").register(registry);
        Gauge.builder("lakehouse.gold.freshness.seconds", goldFreshnessSeconds)
                .description("Now minus the newest Kafka timestamp among the Silver rows the last successful gold "
                        + "run counted; NaN before any").register(registry);
    }

    public void trigger(Outcome outcome, int n) {
        triggers.get(outcome).increment(n);
    }

    public void started(Duration sinceClaim) {
        claimToStart.record(sinceClaim);
    }

    public void finished(String job, boolean succeeded, Duration duration) {
        Timer.builder("lakehouse.job.duration").tag("job", job).tag("status", succeeded ? "succeeded" : "failed")
                .description("Run durations (last attempt)").register(registry).record(duration);
    }

    public long count(Outcome outcome) {
        return (long) triggers.get(outcome).count();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
