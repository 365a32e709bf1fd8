package org.lakehouse.producer.event;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.UUID;

/**
 * A reusable UTF-8 output buffer with the few JSON primitives the event encoder needs. It writes exactly what
 * Jackson's default generator writes: no whitespace; {@code "}, {@code \} and control characters escaped (the
 * short forms where JSON has them, otherwise a backslash-u escape with upper-case hex digits, as are both halves of
 * a surrogate pair); every other character as UTF-8; decimals as {@link BigDecimal#toString()}. A Jackson generator per record cost more than the
 * rest of the generation together. Not thread-safe.
 */
final class JsonBuffer {
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(US_ASCII);
    /** Per 7-bit character: 0 = as is, -1 = a backslash-u escape, otherwise the character after the backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        Arrays.fill(ESCAPES, 0, 32, (byte) -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private byte[] buf = new byte[512];
    private int pos;

    void reset() {
        pos = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Bytes that are already JSON, such as a pre-encoded {@code ,"name":}. */
    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void raw(char ascii) {
        ensure(1);
        buf[pos++] = (byte) ascii;
    }

    void number(long v) {
        if (v == Long.MIN_VALUE) {
            raw(Long.toString(v).getBytes(US_ASCII));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        digits(v, digitCount(v));
    }

    void decimal(BigDecimal v) {
        if (v.scale() == 2) {
            BigInteger unscaled = v.unscaledValue();
            if (unscaled.bitLength() < 63) {
                cents(unscaled.longValue());
                return;
            }
        }
        raw(v.toString().getBytes(US_ASCII));
    }

    /** A scale-2 decimal from its unscaled value, as {@code BigDecimal.toString} writes it: {@code -0.05}. */
    private void cents(long cents) {
        ensure(22);
        if (cents < 0) {
            buf[pos++] = '-';
            cents = -cents;
        }
        long units = cents / 100;
        int fraction = (int) (cents % 100);
        digits(units, digitCount(units));
        buf[pos++] = '.';
        buf[pos++] = (byte) ('0' + fraction / 10);
        buf[pos++] = (byte) ('0' + fraction % 10);
    }

    /** {@code id} as a JSON string, in {@link UUID#toString()} form. */
    void uuid(UUID id) {
        ensure(38);
        buf[pos++] = '"';
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        hex(msb >>> 32, 8);
        buf[pos++] = '-';
        hex(msb >>> 16, 4);
        buf[pos++] = '-';
        hex(msb, 4);
        buf[pos++] = '-';
        hex(lsb >>> 48, 4);
        buf[pos++] = '-';
        hex(lsb, 12);
        buf[pos++] = '"';
    }

    void string(String s) {
        int length = s.length();
        ensure(length + 2);
        buf[pos++] = '"';
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPES[c] == 0) {
                buf[pos++] = (byte) c; // capacity: one byte per char was ensured above
            } else {
                i = special(s, i);
                ensure(length - i + 1);
            }
        }
        buf[pos++] = '"';
    }

    /** Writes the character at {@code i} that needs escaping or more than one byte; returns the last index used. */
    private int special(String s, int i) {
        char c = s.charAt(i);
        ensure(6);
        if (c < 128) {
            byte escape = ESCAPES[c];
            buf[pos++] = '\\';
            if (escape > 0) {
                buf[pos++] = escape;
            } else {
                buf[pos++] = 'u';
                buf[pos++] = '0';
                buf[pos++] = '0';
                buf[pos++] = HEX_UPPER[c >> 4];
                buf[pos++] = HEX_UPPER[c & 0xF];
            }
            return i;
        }
        if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (!Character.isSurrogate(c)) {
            buf[pos++] = (byte) (0xE0 | (c >> 12));
            buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        // like Jackson by default: each half of a surrogate pair as its own escape
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = HEX_UPPER[c >> 12];
        buf[pos++] = HEX_UPPER[(c >> 8) & 0xF];
        buf[pos++] = HEX_UPPER[(c >> 4) & 0xF];
        buf[pos++] = HEX_UPPER[c & 0xF];
        return i;
    }

    /** The low {@code count} hex digits of {@code v}, lower case. */
    private void hex(long v, int count) {
        for (int i = count - 1; i >= 0; i--) {
            buf[pos + i] = HEX_LOWER[(int) (v & 0xF)];
            v >>>= 4;
        }
        pos += count;
    }

    /** Two ASCII digits. */
    void twoDigits(int v) {
        ensure(2);
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    /** Three ASCII digits. */
    void threeDigits(int v) {
        ensure(3);
        buf[pos++] = (byte) ('0' + v / 100);
        buf[pos++] = (byte) ('0' + v / 10 % 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    private void digits(long v, int count) {
        for (int i = count - 1; i >= 0; i--) {
            buf[pos + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += count;
    }

    private static int digitCount(long nonNegative) {
        int n = 1;
        for (long limit = 10; n < 19 && nonNegative >= limit; limit *= 10) {
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
