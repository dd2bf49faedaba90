package dev.ownstack.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static final int LIMIT = 500 << 10;
    private final RequestBody body = new RequestBody(LIMIT);
    private final byte[] json = "{\"batch\":[{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\"}]}".getBytes(StandardCharsets.UTF_8);

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] content, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED, raw))) {
            deflater.write(content);
        }
        return out.toByteArray();
    }

    private byte[] read(byte[] wire, long contentLength, String encoding) {
        return body.read(new ByteArrayInputStream(wire), contentLength, encoding);
    }

    @Test
    void reads_a_plain_body_with_or_without_a_length() {
        assertArrayEquals(json, read(json, json.length, null));
        assertArrayEquals(json, read(json, -1, "identity"));
        assertArrayEquals(new byte[0], read(new byte[0], -1, null));
    }

    @Test
    void decompresses_gzip_and_both_kinds_of_deflate() throws IOException {
        assertArrayEquals(json, read(gzip(json), -1, "gzip"));
        assertArrayEquals(json, read(gzip(json), gzip(json).length, "GZIP"));
        assertArrayEquals(json, read(deflate(json, false), -1, "deflate"));
        assertArrayEquals(json, read(deflate(json, true), -1, "deflate"));
    }

    @Test
    void decompresses_a_body_of_exactly_the_limit() throws IOException {
        byte[] full = new byte[LIMIT];
        Arrays.fill(full, (byte) 'a');
        assertEquals(LIMIT, read(gzip(full), -1, "gzip").length);
        assertEquals(LIMIT, read(full, -1, null).length);
    }

    @Test
    void refuses_a_declared_length_over_the_limit_before_reading() {
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        OwnstackException error = assertThrows(OwnstackException.class, () -> body.read(unread, 10L << 20, null));
        assertEquals(ErrorCode.TOO_LARGE, error.code());
        assertEquals("request body is larger than 512,000 bytes (collector.max-request-size, counted after decompression)", error.getMessage());
    }

    @Test
    void stops_a_10_megabyte_body_and_a_gzip_bomb_at_the_limit_without_allocating_them() throws IOException {
        byte[] bomb = gzip(new byte[64 << 20]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        OwnstackException bombError = assertThrows(OwnstackException.class, () -> read(bomb, -1, "gzip"));
        long bombAllocated = threads.getThreadAllocatedBytes(thread) - before;

        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                return length;
            }
        };
        before = threads.getThreadAllocatedBytes(thread);
        OwnstackException chunkedError = assertThrows(OwnstackException.class, () -> body.read(endless, -1, null));
        long chunkedAllocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(ErrorCode.TOO_LARGE, bombError.code());
        assertEquals(ErrorCode.TOO_LARGE, chunkedError.code());
        assertTrue(bombAllocated < 4 * LIMIT, "a gzip bomb allocated " + bombAllocated + " bytes");
        assertTrue(chunkedAllocated < 4 * LIMIT, "an endless body allocated " + chunkedAllocated + " bytes");
    }

    @Test
    void names_invalid_and_truncated_gzip() throws IOException {
        OwnstackException notGzip = assertThrows(OwnstackException.class, () -> read(json, -1, "gzip"));
        assertEquals(ErrorCode.INPUT_INVALID, notGzip.code());
        assertTrue(notGzip.getMessage().startsWith("request body is not valid gzip"), notGzip.getMessage());

        byte[] whole = gzip(json);
        OwnstackException truncated = assertThrows(OwnstackException.class, () -> read(Arrays.copyOf(whole, whole.length - 12), -1, "gzip"));
        assertEquals(ErrorCode.INPUT_INVALID, truncated.code());
        assertTrue(truncated.getMessage().startsWith("request body is not valid gzip"), truncated.getMessage());

        OwnstackException notDeflate = assertThrows(OwnstackException.class, () -> read(json, -1, "deflate"));
        assertTrue(notDeflate.getMessage().startsWith("request body is not valid deflate"), notDeflate.getMessage());
    }

    @Test
    void refuses_an_unknown_content_encoding() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> read(json, -1, "br"));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertTrue(error.getMessage().contains("'br' is not supported"), error.getMessage());
    }

    @Test
    void reports_a_body_that_ends_before_its_declared_length() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> read(json, json.length + 10, null));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertTrue(error.getMessage().contains("ended after"), error.getMessage());
    }
}
