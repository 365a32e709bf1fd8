package org.lakehouse.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lakehouse.producer.event.EventFormat;
import org.lakehouse.producer.generate.FaultRatios;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.generate.GeneratorConfig;
import org.lakehouse.producer.generate.OrderGenerator;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.manifest.ManifestBuilder;

/** Chunk manifests merged on the sending side must equal the manifest of exactly the records sent. */
class SentManifestTest {
    private static final GeneratorConfig CONFIG = new GeneratorConfig(5, 1_300,
            Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(3), EventFormat.JSON, FaultRatios.DEFAULTS);

    private static List<GeneratedRecord> generated() {
        List<GeneratedRecord> all = new ArrayList<>();
        new OrderGenerator(CONFIG).records(0).forEachRemaining(all::add);
        return all;
    }

    /** The records as the prefetch thread prepares them: chunks of {@link Prefetcher#CHUNK}. */
    private static List<Outgoing> prepared(List<GeneratedRecord> all) {
        List<Outgoing> out = new ArrayList<>();
        RecordMapper mapper = new RecordMapper("t", "p");
        for (int from = 0; from < all.size(); from += Prefetcher.CHUNK) {
            out.addAll(Outgoing.prepare(all.subList(from, Math.min(all.size(), from + Prefetcher.CHUNK)), mapper));
        }
        return out;
    }

    private static Manifest oneByOne(List<GeneratedRecord> records) {
        ManifestBuilder b = new ManifestBuilder();
        records.forEach(b::accept);
        return b.build(CONFIG, "t", true);
    }

    @Test
    void everyRecordSentGivesTheManifestOfEveryRecord() {
        List<GeneratedRecord> all = generated();
        SentManifest sent = new SentManifest();
        prepared(all).forEach(sent);
        assertThat(sent.manifest().build(CONFIG, "t", true)).as("manifest of 1300 records sent in 3 chunks")
                .isEqualTo(oneByOne(all));
    }

    @Test
    void aRunStoppedInsideAChunkCountsOnlyTheRecordsSent() {
        List<GeneratedRecord> all = generated();
        List<Outgoing> outgoing = prepared(all);
        for (int sentCount : new int[] {0, 1, 511, 512, 700, 1299}) {
            SentManifest sent = new SentManifest();
            outgoing.subList(0, sentCount).forEach(sent);
            Manifest m = sent.manifest().build(CONFIG, "t", true);
            assertThat(m.recordsSent()).as("records sent").isEqualTo(sentCount);
            assertThat(m).as("manifest after %d records sent", sentCount)
                    .isEqualTo(oneByOne(all.subList(0, sentCount)));
        }
    }
}
