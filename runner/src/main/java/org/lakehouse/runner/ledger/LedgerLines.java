package org.lakehouse.runner.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's line format, version {@value #VERSION}: one JSON object per line, starting {@code {"v":1,}, then the
 * {@link LedgerEntry} in snake_case. A line without {@code v} is version 1 (written before the field existed).
 * Decoding never throws: a torn line (cut anywhere, even inside a multi-byte character), a line of a newer version
 * or one that is not an entry yields a {@link Decoded} with the reason, for the caller to skip with one WARN.
 */
public final class LedgerLines {
    public static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern VERSIONED = Pattern.compile("^\\{\"v\":(\\d{1,9})[,}]");

    private LedgerLines() {
    }

    /** One entry as a line, newline included. */
    public static byte[] encode(LedgerEntry entry) throws IOException {
        String json = JSON.writeValueAsString(entry);
        String body = json.length() > 2 ? "," + json.substring(1) : "}";
        return ("{\"v\":" + VERSION + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What a line decoded to: an entry, or why it was skipped. */
    public record Decoded(LedgerEntry entry, String skipped) {
        public boolean ok() {
            return entry != null;
        }
    }

    /** Decodes one line (without its newline). */
    public static Decoded decode(byte[] bytes, int from, int to) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new Decoded(null, "not valid UTF-8 (a line torn inside a character?)");
        }
        return decode(line);
    }

    /** Decodes one line of text (without its newline). */
    public static Decoded decode(String line) {
        if (line.isBlank()) {
            return new Decoded(null, null);
        }
        Matcher m = VERSIONED.matcher(line);
        if (m.find()) {
            long v = Long.parseLong(m.group(1));
            if (v > VERSION) {
                return new Decoded(null, "written by a newer runner (ledger version " + v + "; this runner reads "
                        + VERSION + ")");
            }
        }
        try {
            LedgerEntry e = JSON.readValue(line, LedgerEntry.class);
            if (e.event() == null) {
                return new Decoded(null, "no event");
            }
            return new Decoded(e, null);
        } catch (IOException | RuntimeException e) {
            return new Decoded(null, "not a ledger entry (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
