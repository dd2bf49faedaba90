package dev.ownstack.ingest.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable buffer that the records of one request are written into, one after the other, as
 * compact UTF-8 JSON. Strings are escaped as Jackson's generator escapes them (quote, backslash
 * and control characters; everything else as UTF-8, a surrogate pair as one four-byte
 * character), so a string written here reads back as the same text. JSON copied from a body
 * loses the whitespace between its tokens. Belongs to one thread.
 */
final class RecordOutput {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** For each ASCII character: 0 to write it as it is, a letter for its short escape, -1 for {@code \}{@code u00XX}. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private byte[] buffer = new byte[1024];
    private int size;

    /** Starts the next record. */
    void reset() {
        size = 0;
    }

    /** The record written since {@link #reset()}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void startObject() {
        ensure(1);
        buffer[size++] = '{';
    }

    void endObject() {
        ensure(1);
        buffer[size++] = '}';
    }

    /** {@code text} as a JSON string, encoded once to be written many times with {@link #raw(byte[])}. */
    static byte[] encode(String text) {
        RecordOutput output = new RecordOutput();
        output.string(text);
        return output.toByteArray();
    }

    /** A member's name written with {@link #encode}, after a comma unless it is the first of its object. */
    void name(byte[] encoded) {
        ensure(encoded.length + 2);
        if (buffer[size - 1] != '{') {
            buffer[size++] = ',';
        }
        System.arraycopy(encoded, 0, buffer, size, encoded.length);
        size += encoded.length;
        buffer[size++] = ':';
    }

    /** A member's name, after a comma unless it is the first of its object. */
    void name(String name) {
        ensure(1);
        if (buffer[size - 1] != '{') {
            buffer[size++] = ',';
        }
        string(name);
        ensure(1);
        buffer[size++] = ':';
    }

    /**
     * A whole member copied from a body, name and value, without the whitespace between its
     * tokens. {@code valueStart} tells whether there is any around the colon (the two bytes
     * before the value are then the name's closing quote and the colon); inside the value there
     * can be some only when it is an object or an array.
     */
    void member(byte[] source, int nameStart, int valueStart, int valueEnd, boolean container) {
        ensure(1);
        if (buffer[size - 1] != '{') {
            buffer[size++] = ',';
        }
        if (source[valueStart - 1] != ':' || source[valueStart - 2] != '"') {
            copy(source, nameStart, valueEnd);
        } else if (container) {
            raw(source, nameStart, valueStart);
            copy(source, valueStart, valueEnd);
        } else {
            raw(source, nameStart, valueEnd);
        }
    }

    /**
     * JSON text from a body, from outside a string to outside a string, without the whitespace
     * between its tokens. Text without any byte up to a space (the only bytes that can be such
     * whitespace: JSON strings hold no raw control characters) is copied at once.
     */
    void copy(byte[] source, int from, int to) {
        if (hasNoSpaceOrControl(source, from, to)) {
            raw(source, from, to);
            return;
        }
        ensure(to - from);
        byte[] out = buffer;
        int at = size;
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = source[i];
            if (inString) {
                out[at++] = b;
                if (b == '\\') {
                    out[at++] = source[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                out[at++] = b;
                inString = b == '"';
            }
        }
        size = at;
    }

    /**
     * Whether the JSON text in the range has no backslash, so that its strings are their own
     * text; with well-formed UTF-8 (as a parsed body has) such a string is exactly what
     * {@link #string} would write for its text.
     */
    static boolean hasNoEscape(byte[] source, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if (hasZero((long) LONGS.get(source, i) ^ BACKSLASHES)) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (source[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNoSpaceOrControl(byte[] source, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(source, i);
            // a byte below 0x21 (0x80 and above are left alone: their high bit is masked off)
            if (((word - 0x2121_2121_2121_2121L) & ~word & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if ((source[i] & 0xFF) <= ' ') {
                return false;
            }
        }
        return true;
    }

    /** Whether a byte of {@code word} is zero. */
    private static boolean hasZero(long word) {
        return ((word - LOW_BITS) & ~word & HIGH_BITS) != 0;
    }

    /** JSON text as it is, such as a value written once for a whole batch. */
    void raw(byte[] source) {
        raw(source, 0, source.length);
    }

    /** JSON text copied as it is, such as one token of a body. */
    void raw(byte[] source, int from, int to) {
        int length = to - from;
        ensure(length);
        System.arraycopy(source, from, buffer, size, length);
        size += length;
    }

    /** {@code text} as a JSON string. */
    void string(String text) {
        int length = text.length();
        // At most six bytes per character (an escape); a surrogate pair takes four for two characters.
        ensure(6 * length + 2);
        byte[] out = buffer;
        int at = size;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[at++] = (byte) c;
                } else if (escape > 0) {
                    out[at++] = '\\';
                    out[at++] = escape;
                } else {
                    at = unicodeEscape(out, at, c);
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | (point >> 18));
                out[at++] = (byte) (0x80 | ((point >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((point >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (point & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // Half a pair is no character of UTF-8; events holding one are rejected before they get here.
                at = unicodeEscape(out, at, c);
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[at++] = '"';
        size = at;
    }

    private static int unicodeEscape(byte[] out, int at, char c) {
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = HEX[(c >> 12) & 0xF];
        out[at++] = HEX[(c >> 8) & 0xF];
        out[at++] = HEX[(c >> 4) & 0xF];
        out[at++] = HEX[c & 0xF];
        return at;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, Math.addExact(size, more)));
        }
    }
}
