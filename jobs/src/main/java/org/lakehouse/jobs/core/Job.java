package org.lakehouse.jobs.core;

import java.util.List;

/**
 * One bounded job over the lake. Implementations are thin shells: they bind sources, sinks and checkpoints around
 * pure {@code Dataset<Row> -> Dataset<Row>} transformations that live beside them.
 */
public interface Job {
    String name();

    /** One line for help texts. */
    String description();

    List<ParamSpec<?>> params();

    /** The tables (and, by the job's name, the checkpoint) that {@code --reset} rebuilds. */
    List<LakeTable> outputs();

    JobMetrics run(JobContext context);
}
