package org.lakehouse.runner.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code failed/<id>.error.json}: why a trigger was moved aside. {@code error} says what failed, why and how to fix
 * it; {@code stackTail} holds the innermost cause's top frames for a developer (absent for rejected triggers).
 *
 * @param kind {@code rejected} (the trigger itself is bad) or {@code failed} (the job failed after its retries)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorReport(int protocolVersion, String triggerId, String triggerFile, String job, String kind,
        String error, Integer attempts, String runId, Instant at, List<String> stackTail) {

    /** The innermost cause's class, message and top frames. */
    public static List<String> stackTail(Throwable t, int frames) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(root.toString());
        lines.addAll(Arrays.stream(root.getStackTrace()).limit(frames).map(f -> "at " + f)
                .collect(Collectors.toList()));
        return lines;
    }
}
