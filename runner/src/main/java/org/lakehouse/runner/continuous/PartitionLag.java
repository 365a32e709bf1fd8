package org.lakehouse.runner.continuous;

/**
 * One Kafka partition as the job sees it.
 *
 * @param committed the offset the job's checkpoint says it reads next, or null when the checkpoint does not know the
 *     partition yet (no checkpoint, or a partition added since)
 * @param from where the job's next run starts reading: {@code committed}, or the partition's first offset when there
 *     is none or Kafka has deleted records below it
 * @param end the partition's end offset (the offset the next record written gets)
 */
public record PartitionLag(String topic, int partition, Long committed, long from, long end) {
    /** Records the job has not read: {@code end - from}, never negative. */
    public long lag() {
        return Math.max(0, end - from);
    }
}
