package org.lakehouse.jobs.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lakehouse.jobs.bench.textbook.TextbookPipeline;

/** What {@code bench pipeline} and {@code bench growth} can measure our jobs against, in the same JVM. */
public enum PipelineBaseline {
    /**
     * The pipeline as a typical Spark tutorial writes it ({@link TextbookPipeline}), at Spark's and Delta's
     * defaults: a peer that anyone can rebuild from the documentation, so our figures have a yardstick.
     */
    TEXTBOOK;

    /** The name on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The baseline named {@code name} (any case), or an error that lists the names. */
    public static PipelineBaseline fromCliName(String name) {
        for (PipelineBaseline b : values()) {
            if (b.cliName().equalsIgnoreCase(name.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a baseline; use " + Arrays.stream(values())
                .map(PipelineBaseline::cliName).collect(Collectors.joining(" or ")));
    }
}
