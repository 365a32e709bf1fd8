package org.lakehouse.producer;

import java.nio.file.Path;
import org.lakehouse.producer.manifest.Manifest;
import org.lakehouse.producer.publish.PublishSummary;

/** What a producer run did: where it wrote, what Kafka acknowledged, and the ground truth. */
public record ProduceResult(String topic, int partitions, PublishSummary summary, Manifest manifest,
                            Path manifestPath) {

    public boolean ok() {
        return summary.complete();
    }
}
