package dev.ownstack.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Text that both warehouses can store. Valid JSON may still carry a NUL character ({@code \u0000})
 * or half of a surrogate pair ({@code \ud800}), which PostgreSQL refuses in {@code text} and
 * {@code jsonb}; one such event would stop every load after it, so it is rejected instead.
 */
final class StorableText {
    private static final char REPLACEMENT = '\uFFFD';
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;

    private StorableText() {
    }

    /**
     * Whether a body, as sent, could yield text that cannot be stored once parsed: when it is
     * false, no string in it (name or value) holds a NUL or an unpaired surrogate, and
     * {@link #badTextPath} need not look. Conservative: true for every escape of U+0000 and of
     * U+D800 to U+DFFF (hex digits in either case), every 0x00 byte, and every byte that does
     * not belong to well-formed UTF-8 of a scalar value (overlong forms such as C0 80, encoded
     * surrogates ED A0-BF, values past U+10FFFF, stray continuation bytes), so UTF-16 and UTF-32
     * bodies always take the careful way. One pass over the bytes, mostly ASCII.
     */
    static boolean mayHoldUnstorable(byte[] body) {
        int length = body.length;
        int i = 0;
        while (i < length) {
            // Eight bytes at a time while they are ASCII other than NUL and backslash.
            if (i + Long.BYTES <= length && plainAscii((long) LONGS.get(body, i))) {
                i += Long.BYTES;
                continue;
            }
            int end = Math.min(i + Long.BYTES, length);
            while (i < end) {
                int b = body[i];
                if (b > 0) {
                    if (b == '\\' && i + 5 < length && body[i + 1] == 'u' && suspiciousEscape(body, i + 2)) {
                        return true;
                    }
                    i++;
                } else if (b == 0) {
                    return true;
                } else {
                    int sequence = utf8SequenceLength(body, i);
                    if (sequence == 0) {
                        return true;
                    }
                    i += sequence;
                }
            }
        }
        return false;
    }

    /** Whether none of the eight bytes in {@code word} is 0x00, a backslash or above 0x7F. */
    private static boolean plainAscii(long word) {
        long backslashes = word ^ BACKSLASHES;
        return ((word | hasZero(word) | hasZero(backslashes)) & HIGH_BITS) == 0;
    }

    /** The high bit of each byte of {@code word} that is zero is set (others may be too, after the first). */
    private static long hasZero(long word) {
        return (word - LOW_BITS) & ~word;
    }

    /** Whether the four characters at {@code at} are hex digits of U+0000 or of a surrogate. */
    private static boolean suspiciousEscape(byte[] body, int at) {
        int first = body[at];
        int second = body[at + 1] | 0x20;
        if (first == '0') {
            return body[at + 1] == '0' && body[at + 2] == '0' && body[at + 3] == '0';
        }
        return (first | 0x20) == 'd' && (second == '8' || second == '9' || (second >= 'a' && second <= 'f'));
    }

    /**
     * The length of the well-formed UTF-8 sequence (RFC 3629) of a non-ASCII scalar value at
     * {@code at}, or 0 when there is none there.
     */
    private static int utf8SequenceLength(byte[] body, int at) {
        int lead = body[at] & 0xFF;
        int length = body.length;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return at + 1 < length && continuation(body[at + 1], 0x80, 0xBF) ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            int low = lead == 0xE0 ? 0xA0 : 0x80;
            int high = lead == 0xED ? 0x9F : 0xBF;
            return at + 2 < length && continuation(body[at + 1], low, high) && continuation(body[at + 2], 0x80, 0xBF) ? 3 : 0;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            int low = lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xF4 ? 0x8F : 0xBF;
            return at + 3 < length && continuation(body[at + 1], low, high) && continuation(body[at + 2], 0x80, 0xBF)
                    && continuation(body[at + 3], 0x80, 0xBF) ? 4 : 0;
        }
        return 0;
    }

    private static boolean continuation(byte b, int low, int high) {
        int value = b & 0xFF;
        return value >= low && value <= high;
    }

    /**
     * Where in {@code node} (a path such as {@code properties.note}, or {@code ""} for the node
     * itself) the first text that cannot be stored is, or {@code null} when all of it can.
     */
    static String badTextPath(JsonNode node) {
        if (node.isTextual()) {
            return isStorable(node.textValue()) ? null : "";
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!isStorable(field.getKey())) {
                    return field.getKey();
                }
                JsonNode value = field.getValue();
                if (value.isContainerNode() || value.isTextual()) {
                    String inner = badTextPath(value);
                    if (inner != null) {
                        return inner.isEmpty() ? field.getKey() : field.getKey() + "." + inner;
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isContainerNode() || value.isTextual()) {
                    String inner = badTextPath(value);
                    if (inner != null) {
                        return inner.isEmpty() ? "[" + i + "]" : "[" + i + "]." + inner;
                    }
                }
            }
        }
        return null;
    }

    static boolean isStorable(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code text} with every NUL and unpaired surrogate replaced by U+FFFD, for reject records. */
    static String clean(String text) {
        if (isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
