package org.lakehouse.runner.trigger;

import org.lakehouse.runner.root.LogSafe;
import org.lakehouse.runner.root.TriggerName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggerParserTest {
    private final TriggerParser parser = new TriggerParser(64 * 1024);

    private TriggerRequest parse(String name, String json) throws BadTriggerException {
        return parser.parse(name, json.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        TriggerRequest r = parse("silver.trigger", "");
        assertThat(r.job()).isEqualTo("silver");
        assertThat(r.params()).isEmpty();
        assertThat(r.id()).as("a derived id").startsWith("silver-").hasSize("silver-".length() + 16);
    }

    @Test
    void fullTrigger() throws Exception {
        TriggerRequest r = parse("bronze.nightly.trigger", "{\"version\": 1, \"job\": \"bronze\", \"id\": \"n-1\", "
                + "\"params\": {\"max_offsets_per_trigger\": 500, \"fail_on_data_loss\": true}, "
                + "\"requested_by\": \"airflow:dag/run/task\", \"not_before\": \"2026-12-01T18:00:00Z\"}");
        assertThat(r).isEqualTo(new TriggerRequest("bronze", "n-1",
                Map.of("max_offsets_per_trigger", "500", "fail_on_data_loss", "true"), "airflow:dag/run/task",
                Instant.parse("2026-12-01T18:00:00Z")));
    }

    @Test
    void derivedIdsDependOnNameContentAndModificationTime() throws Exception {
        byte[] empty = new byte[0];
        String a = parser.parse("gold.trigger", empty, 1).id();
        assertThat(parser.parse("gold.trigger", empty, 1).id()).as("stable").isEqualTo(a);
        assertThat(parser.parse("gold.trigger", empty, 2).id()).as("a later drop of the same file").isNotEqualTo(a);
        assertThat(parser.parse("gold.x.trigger", empty, 1).id()).as("another name").isNotEqualTo(a);
        assertThat(parser.parse("gold.trigger", "{}".getBytes(StandardCharsets.UTF_8), 1).id()).isNotEqualTo(a);
    }

    @Test
    void partialJsonIsNotATrigger() {
        String full = "{\"id\": \"x\", \"params\": {\"a\": \"1\"}}";
        for (int i = 1; i < full.length(); i++) {
            String prefix = full.substring(0, i);
            assertThatThrownBy(() -> parse("noop.trigger", prefix)).as("prefix %s", prefix)
                    .isInstanceOf(BadTriggerException.class);
        }
    }

    @Test
    void namesClientsAreStillWritingAreIgnored() {
        for (String name : new String[] {".silver.trigger", "silver.trigger.tmp", "silver.trigger.part",
            "silver.trigger.swp", "silver.trigger~", "silver.json", "silver"}) {
            assertThat(TriggerName.ignored(name)).as(name).isTrue();
        }
        assertThat(TriggerName.ignored("silver.trigger")).isFalse();
        assertThat(TriggerName.job("silver.2026-12-01.trigger")).contains("silver");
        assertThat(TriggerName.job("Silver.trigger")).isEmpty();
        assertThat(TriggerName.job("x".repeat(300) + ".trigger")).isEmpty();
    }

    @Test
    void printableEscapesControlCharacters() {
        assertThat(LogSafe.text("a\nb\u0000")).isEqualTo("a\\u000ab\\u0000");
        assertThat(LogSafe.text("y".repeat(500))).hasSize(123);
    }

    @Test
    void writerProducesWhatTheParserReads(@TempDir Path dir) throws Exception {
        TriggerRequest request = new TriggerRequest("gold", "airflow:run:1", Map.of("k", "v"), "me", null);
        Path file = TriggerWriter.write(dir, request);
        assertThat(file.getFileName().toString()).isEqualTo("gold.airflow_run_1.trigger");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
        assertThat(parser.parse(file.getFileName().toString(), Files.readAllBytes(file), 0)).isEqualTo(request);
    }
}
