package org.lakehouse.producer.publish;

import java.util.List;
import org.lakehouse.producer.generate.GeneratedRecord;
import org.lakehouse.producer.manifest.ManifestBuilder;

/**
 * Consecutive records prepared together on the prefetch thread, with their share of the manifest, computed there
 * while the records were still in that thread's cache. Neither is changed after {@link #of}.
 *
 * @param generated the records, in stream order
 * @param manifest  the manifest of exactly these records
 */
public record PreparedChunk(List<GeneratedRecord> generated, ManifestBuilder manifest) {

    static PreparedChunk of(List<GeneratedRecord> generated) {
        ManifestBuilder manifest = new ManifestBuilder();
        generated.forEach(manifest::accept);
        return new PreparedChunk(List.copyOf(generated), manifest);
    }

    public int size() {
        return generated.size();
    }
}
