package org.lakehouse.producer.publish;

import java.util.function.Consumer;
import org.lakehouse.producer.manifest.ManifestBuilder;

/**
 * The manifest of exactly the records handed to Kafka, fed with each {@link Outgoing} just before it is sent, in
 * the order prepared. A chunk's manifest, computed on the prefetch thread, is added once the chunk's last record is
 * sent, which keeps the sending thread's work per record to a count. When sending stops inside a chunk (Ctrl-C, a
 * failure), {@link #manifest()} adds that chunk's sent records one by one, so nothing prepared but unsent counts.
 * Not thread-safe: use it on the sending thread.
 */
public final class SentManifest implements Consumer<Outgoing> {
    private final ManifestBuilder manifest = new ManifestBuilder();
    private PreparedChunk open;
    private int sentOfOpen;

    @Override
    public void accept(Outgoing o) {
        if (o.chunk() != open) {
            addSentOfOpenChunk();
            open = o.chunk();
        }
        if (o.index() != sentOfOpen) {
            throw new IllegalStateException("Record " + o.index() + " of a chunk sent after " + sentOfOpen
                    + " of its records: records must be sent in the order they were prepared");
        }
        sentOfOpen++;
        if (sentOfOpen == open.size()) {
            manifest.merge(open.manifest());
            open = null;
            sentOfOpen = 0;
        }
    }

    /** What was sent so far, a chunk cut short included. */
    public ManifestBuilder manifest() {
        addSentOfOpenChunk();
        return manifest;
    }

    private void addSentOfOpenChunk() {
        if (open != null) {
            for (int i = 0; i < sentOfOpen; i++) {
                manifest.accept(open.generated().get(i));
            }
        }
        open = null;
        sentOfOpen = 0;
    }
}
