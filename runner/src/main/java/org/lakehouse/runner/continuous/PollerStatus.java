package org.lakehouse.runner.continuous;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One continuous job as {@code /health} shows it.
 *
 * @param state {@code starting}, {@code outstanding} (a trigger of the job waits or runs), {@code idle} (nothing new),
 *     {@code triggered} (a trigger was just written), {@code input-unavailable}, {@code paused} (after a failed run),
 *     {@code write-failed}, {@code stuck} (two runs left the position unchanged while input waits) or {@code stopped}
 * @param input what the probe asks, e.g. {@code Kafka at 127.0.0.1:9092, topics orders}
 * @param inputError why the input cannot be asked now, or null
 * @param lagRecords records not read yet at the last successful probe, or null before one
 * @param consecutiveFailures runs of the job that failed since its last success
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollerStatus(String job, String state, String input, String inputError, Long lagRecords,
        Instant lastPollAt, String lastTriggerId, Instant lastTriggerAt, int consecutiveFailures) {
}
