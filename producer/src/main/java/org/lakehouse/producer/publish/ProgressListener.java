package org.lakehouse.producer.publish;

/** Receives progress snapshots from the sending thread, at most once per configured interval. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(PublishProgress progress);
}
