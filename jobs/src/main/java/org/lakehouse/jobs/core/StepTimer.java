package org.lakehouse.jobs.core;

import java.util.ArrayList;
import java.util.List;

/** Wall time of a batch's steps, for a debug line: "parse 812 ms, write 301 ms". Not thread-safe. */
public final class StepTimer {
    private final List<String> steps = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the current step under {@code name} and starts the next. */
    public void done(String name) {
        long now = System.nanoTime();
        steps.add(name + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return String.join(", ", steps);
    }
}
