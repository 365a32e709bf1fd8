package org.lakehouse.runner.root;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trigger file names: {@code <job>[.<anything>].trigger}. Names a client is still writing (hidden, {@code *.tmp},
 * {@code *.part}, {@code *.swp}, {@code *~}) are never claimed, nor is anything not ending in {@code .trigger}.
 */
public final class TriggerName {
    public static final String SUFFIX = ".trigger";
    private static final Pattern NAME = Pattern.compile("([a-z][a-z0-9_-]{0,63})(\\.[^/]*)?\\.trigger");
    private static final int MAX_LENGTH = 255;

    private TriggerName() {
    }

    /** Whether the runner must leave {@code fileName} alone: a client is still writing it, or it is not a trigger. */
    public static boolean ignored(String fileName) {
        return fileName.startsWith(".") || fileName.endsWith(".tmp") || fileName.endsWith(".part")
                || fileName.endsWith(".swp") || fileName.endsWith("~") || !fileName.endsWith(SUFFIX);
    }

    /** The job a (non-ignored) trigger file names, or empty when the name does not follow the pattern. */
    public static Optional<String> job(String fileName) {
        if (fileName.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
