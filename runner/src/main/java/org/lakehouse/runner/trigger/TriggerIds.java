package org.lakehouse.runner.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Trigger ids: safe as file names ({@code results/<id>.json}), so limited to letters, digits, {@code . _ - :}, at
 * most 128 characters, not starting with a dot. A trigger without an id gets one derived from its file name, its
 * content and its modification time, so dropping the same empty file again later is a new request.
 */
public final class TriggerIds {
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._:-]{0,127}");

    private TriggerIds() {
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** {@code <job>-<16 hex digits of SHA-256(name, content, modified)>}. */
    public static String derive(String job, String fileName, byte[] content, long modifiedMillis) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(fileName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content);
            sha.update((byte) 0);
            sha.update(Long.toString(modifiedMillis).getBytes(StandardCharsets.US_ASCII));
            return job + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
