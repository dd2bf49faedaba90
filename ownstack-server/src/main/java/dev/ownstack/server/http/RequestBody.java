package dev.ownstack.server.http;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body whatever its Content-Type, decompressing {@code gzip} and {@code deflate}
 * (zlib-wrapped or raw), and stops as soon as the decompressed bytes pass the limit: a 10 MB body
 * or a gzip bomb costs at most the limit in memory. The declared Content-Length is checked before
 * reading anything. Chunked bodies are de-chunked by the server before they get here.
 */
public final class RequestBody {
    private static final int FIRST_BUFFER = 16 << 10;

    private final int maxBytes;

    /** @param maxBytes the most bytes a body may have after decompression */
    public RequestBody(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Checks what the headers declare, before any byte is read: TOO_LARGE when the Content-Length
     * is over the limit (for a compressed body, over the limit plus the little that compression
     * can add to incompressible data), INPUT_INVALID for an unknown Content-Encoding.
     */
    public void checkHeaders(long contentLength, String contentEncoding) {
        Encoding encoding = Encoding.of(contentEncoding);
        if (contentLength > maxRawBytes(encoding)) {
            throw tooLarge();
        }
    }

    /**
     * Reads the whole body from {@code raw} (which the caller closes). {@code contentLength} is
     * -1 when unknown (chunked). Throws TOO_LARGE past the limit, INPUT_INVALID for a body that
     * is not valid in its Content-Encoding or ends early.
     */
    public byte[] read(InputStream raw, long contentLength, String contentEncoding) {
        Encoding encoding = Encoding.of(contentEncoding);
        checkHeaders(contentLength, contentEncoding);
        TransportStream transport = new TransportStream(raw, maxRawBytes(encoding));
        try {
            return switch (encoding) {
                case IDENTITY -> readAll(transport, contentLength >= 0 ? (int) contentLength : -1);
                case GZIP -> readDecoded(transport, encoding);
                case DEFLATE -> readDecoded(transport, encoding);
            };
        } catch (TransportException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "request body could not be read: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "request body could not be read: " + e.getMessage(), e);
        }
    }

    private byte[] readDecoded(TransportStream transport, Encoding encoding) throws IOException {
        InputStream decoded;
        Inflater inflater = null;
        try {
            if (encoding == Encoding.GZIP) {
                decoded = new GZIPInputStream(transport, 8 << 10);
            } else {
                // "deflate" is zlib-wrapped by the HTTP spec, but some clients send raw deflate.
                int first = transport.read();
                int second = transport.read();
                if (first < 0 || second < 0) {
                    throw new EOFException("body ends after " + (first < 0 ? 0 : 1) + " bytes");
                }
                boolean zlib = (first & 0x0F) == 8 && ((first << 8) | second) % 31 == 0;
                inflater = new Inflater(!zlib);
                InputStream replayed = new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(new byte[] {(byte) first, (byte) second}), transport);
                decoded = new InflaterInputStream(replayed, inflater, 8 << 10);
            }
        } catch (TransportException e) {
            throw e;
        } catch (IOException e) {
            throw invalidEncoding(encoding, e);
        }
        try (InputStream in = decoded) {
            return readAll(in, -1);
        } catch (TransportException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw invalidEncoding(encoding, e);
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    private byte[] readAll(InputStream in, int knownLength) throws IOException {
        if (knownLength >= 0) {
            byte[] body = new byte[knownLength];
            int read = in.readNBytes(body, 0, knownLength);
            if (read < knownLength) {
                throw new EOFException("body ended after " + read + " of " + knownLength + " bytes");
            }
            return body;
        }
        byte[] buffer = new byte[Math.min(FIRST_BUFFER, maxBytes + 1)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > maxBytes) {
                    throw tooLarge();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, (long) maxBytes + 1));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
            if (length > maxBytes) {
                throw tooLarge();
            }
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    /** Compressed bodies may be a little larger than their content; anything beyond is refused. */
    private long maxRawBytes(Encoding encoding) {
        return encoding == Encoding.IDENTITY ? maxBytes : maxBytes + maxBytes / 64L + 1024;
    }

    private OwnstackException tooLarge() {
        return new OwnstackException(ErrorCode.TOO_LARGE, String.format(Locale.ROOT,
                "request body is larger than %,d bytes (collector.max-request-size, counted after decompression)", maxBytes));
    }

    private static OwnstackException invalidEncoding(Encoding encoding, IOException cause) {
        String name = encoding == Encoding.GZIP ? "gzip" : "deflate";
        return new OwnstackException(ErrorCode.INPUT_INVALID,
                "request body is not valid " + name + " (Content-Encoding: " + name + "): " + cause.getMessage(), cause);
    }

    private enum Encoding {
        IDENTITY, GZIP, DEFLATE;

        static Encoding of(String header) {
            if (header == null || header.isBlank()) {
                return IDENTITY;
            }
            String value = header.trim().toLowerCase(Locale.ROOT);
            switch (value) {
                case "identity":
                    return IDENTITY;
                case "gzip":
                case "x-gzip":
                    return GZIP;
                case "deflate":
                    return DEFLATE;
                default:
                    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
                    throw new OwnstackException(ErrorCode.INPUT_INVALID,
                            "Content-Encoding '" + shown + "' is not supported; send gzip, deflate or an uncompressed body");
            }
        }
    }

    /**
     * The body as it comes off the connection, bounded in bytes; failures of the connection itself
     * are told apart from those of the decompressor.
     */
    private final class TransportStream extends InputStream {
        private final InputStream raw;
        private final long limit;
        private long count;

        TransportStream(InputStream raw, long limit) {
            this.raw = raw;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (count > limit) {
                throw tooLarge();
            }
            int read;
            try {
                read = raw.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
            } catch (IOException e) {
                throw new TransportException(e);
            }
            if (read > 0) {
                count += read;
                if (count > limit) {
                    throw tooLarge();
                }
            }
            return read;
        }
    }

    /** The connection failed or the client went away while sending. */
    private static final class TransportException extends IOException {
        TransportException(IOException cause) {
            super(cause);
        }
    }
}
