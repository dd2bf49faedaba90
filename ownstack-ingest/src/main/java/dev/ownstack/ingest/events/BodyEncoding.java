package dev.ownstack.ingest.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies sent in UTF-16 or UTF-32, told apart from UTF-8 as Jackson does (a byte order mark,
 * else where the zero bytes of the first characters are: RFC 4627, section 3), and re-encoded
 * as UTF-8 with their text unchanged, so that every body can be read by byte offsets.
 */
final class BodyEncoding {
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private BodyEncoding() {
    }

    /**
     * The body as UTF-8: itself when it is UTF-8 already (with or without a byte order mark).
     *
     * @throws CharacterCodingException when a UTF-32 body holds something that is no character
     */
    static byte[] toUtf8(byte[] body) throws CharacterCodingException {
        Charset charset = charset(body);
        if (charset == null) {
            return body;
        }
        int bom = bomLength(body, charset);
        if (charset == UTF_32BE || charset == UTF_32LE) {
            // Strict, as Jackson's own UTF-32 reader is.
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, bom, body.length - bom)).toString();
            return text.getBytes(StandardCharsets.UTF_8);
        }
        // UTF-16 as Jackson reads it (through a Reader): what cannot be decoded becomes U+FFFD.
        return new String(body, bom, body.length - bom, charset).getBytes(StandardCharsets.UTF_8);
    }

    /** The charset of a body that is not UTF-8, or null for UTF-8. */
    private static Charset charset(byte[] body) {
        if (body.length >= 4) {
            int quad = (body[0] & 0xFF) << 24 | (body[1] & 0xFF) << 16 | (body[2] & 0xFF) << 8 | (body[3] & 0xFF);
            if (quad == 0x0000FEFF || (quad >>> 8) == 0) {
                return UTF_32BE;
            }
            if (quad == 0xFFFE0000 || (quad & 0x00FFFFFF) == 0) {
                return UTF_32LE;
            }
        }
        if (body.length >= 2) {
            int pair = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
            if (pair == 0xFEFF || (pair & 0xFF00) == 0) {
                return StandardCharsets.UTF_16BE;
            }
            if (pair == 0xFFFE || (pair & 0x00FF) == 0) {
                return StandardCharsets.UTF_16LE;
            }
        }
        return null;
    }

    private static int bomLength(byte[] body, Charset charset) {
        int first = body[0] & 0xFF;
        if (charset == UTF_32BE || charset == UTF_32LE) {
            return first == 0xFF || (first == 0 && (body[2] & 0xFF) == 0xFE) ? 4 : 0;
        }
        return first == 0xFE || first == 0xFF ? 2 : 0;
    }
}
