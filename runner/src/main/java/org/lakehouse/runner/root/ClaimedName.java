package org.lakehouse.runner.root;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one codec of names in {@code claimed/}: {@code <runner id>-<sequence>--<trigger name>}. The owner's runner id
 * is part of the name, so whose claim an entry is needs no extra file. A trigger name that would not survive the
 * prefix (the whole name over 255 bytes) or that the file system's name encoding cannot hold is stored shortened:
 * {@code <job>.~<16 hex of SHA-256 of the name>.trigger}; the claim keeps the full name in memory.
 *
 * @param runnerId the owner (letters, digits, {@code . _ -})
 * @param sequence the owner's claim counter
 * @param stored the trigger name as stored after the prefix (the original, or its shortened form)
 */
public record ClaimedName(String runnerId, long sequence, String stored) {
    static final String SEPARATOR = "--";
    private static final int MAX_NAME_BYTES = 255;
    private static final Pattern RUNNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})-(\\d{1,18})--(.+)");
    private static final Pattern SAFE = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern JOB = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public ClaimedName {
        if (!RUNNER_ID.matcher(runnerId).matches()) {
            throw new IllegalArgumentException("not a runner id: " + LogSafe.text(runnerId));
        }
    }

    /** The name for {@code triggerName} claimed by {@code runnerId} as its {@code sequence}-th claim. */
    public static ClaimedName of(String runnerId, long sequence, String triggerName) {
        String prefix = runnerId + "-" + sequence + SEPARATOR;
        boolean fits = prefix.length() + triggerName.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES;
        return new ClaimedName(runnerId, sequence, fits && SAFE.matcher(triggerName).matches() && !triggerName
                .contains("/") ? triggerName : shortened(triggerName));
    }

    /** The entry's file name in {@code claimed/}. */
    public String fileName() {
        return runnerId + "-" + sequence + SEPARATOR + stored;
    }

    /** Whether the stored name is a shortened form of a longer or unencodable trigger name. */
    public boolean shortened() {
        return stored.contains(".~");
    }

    /** Parses an entry of {@code claimed/}; empty for anything this codec did not write. */
    public static Optional<ClaimedName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ClaimedName(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
    }

    private static String shortened(String name) {
        int dot = name.indexOf('.');
        String head = dot > 0 ? name.substring(0, dot) : name;
        String job = JOB.matcher(head).matches() ? head : "invalid";
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return job + ".~" + HexFormat.of().formatHex(sha, 0, 8) + ".trigger";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
