package org.lakehouse.jobs.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one job run did, as the runner records it. {@code counters} holds the job-specific figures under stable
 * names: {@code quarantined.<rule>} (every rule a row failed), {@code quarantine_rows}, {@code warned.<rule>},
 * {@code duplicates}, {@code data_loss_offsets}, {@code windows.<table>}, {@code newest_event_ms}.
 *
 * @param offsetsFrom the source position the run started from (Kafka: {@code {"topic":{"0":offset}}}), or null
 * @param offsetsTo the source position it ended at, or null when nothing was read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobMetrics(String job, Instant startedAt, long durationMs, long batches, long rowsIn, long rowsOut,
        Map<String, Long> counters, String offsetsFrom, String offsetsTo) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Gold's counter of the newest {@code kafka_timestamp} (epoch millis) among the Silver rows the run read, so
     * Gold's freshness (now minus that instant) can be read from a run's metrics without Spark. Absent when the run
     * read nothing new: the previous run's value still holds.
     */
    public static final String NEWEST_EVENT_MS = "newest_event_ms";

    public JobMetrics {
        counters = Map.copyOf(new TreeMap<>(counters));
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JobMetrics fromJson(String json) {
        try {
            return JSON.readValue(json, JobMetrics.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
