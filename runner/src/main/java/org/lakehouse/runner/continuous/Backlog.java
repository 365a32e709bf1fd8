package org.lakehouse.runner.continuous;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a job has not read yet: one {@link PartitionLag} per topic-partition of its input, in topic-partition order.
 *
 * @param checkpointId the identity of the job's checkpoint (a reset creates a new one), or null when there is none
 *     yet
 */
public record Backlog(String checkpointId, List<PartitionLag> partitions) {
    public Backlog {
        partitions = partitions.stream().sorted(Comparator.comparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition)).toList();
    }

    /** Without a checkpoint identity. */
    public Backlog(List<PartitionLag> partitions) {
        this(null, partitions);
    }

    /** Records not read yet, over every partition. */
    public long total() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Whether anything is left to read. */
    public boolean any() {
        return total() > 0;
    }

    /** Records not read yet per topic (every topic of the input, 0 included). */
    public Map<String, Long> perTopic() {
        Map<String, Long> topics = new TreeMap<>();
        partitions.forEach(p -> topics.merge(p.topic(), p.lag(), Long::sum));
        return topics;
    }
}
