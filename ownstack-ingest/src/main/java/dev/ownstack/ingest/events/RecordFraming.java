package dev.ownstack.ingest.events;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How {@link FileEventLog} frames a record on disk:
 * {@code [int length][int CRC32C of the body][body]}, where the body is
 * {@code [byte kind][short source length][source UTF-8][json bytes]} and {@code length} counts the
 * body's bytes. Big-endian. A record whose length is out of range or whose checksum does not
 * match was never completely written (or was damaged) and ends the readable log.
 */
final class RecordFraming {
    static final int HEADER_BYTES = 8;
    /** The largest body accepted: far above the collector's per-event limits, small enough to read at once. */
    static final int MAX_BODY_BYTES = 16 << 20;
    private static final int MIN_BODY_BYTES = 3;

    private RecordFraming() {
    }

    /** The records of one append, framed back to back in one buffer ready to write. */
    static ByteBuffer encode(List<LogRecord> records) {
        int total = 0;
        byte[][] sources = new byte[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            // The records of one request share their source: encode its name once.
            sources[i] = i > 0 && record.source().equals(records.get(i - 1).source())
                    ? sources[i - 1] : record.source().getBytes(StandardCharsets.UTF_8);
            if (sources[i].length > Short.MAX_VALUE) {
                throw new OwnstackException(ErrorCode.TOO_LARGE, "event source name of " + sources[i].length
                        + " bytes is too long for the event log (at most " + Short.MAX_VALUE + ")");
            }
            long body = MIN_BODY_BYTES + (long) sources[i].length + record.json().length;
            if (body > MAX_BODY_BYTES) {
                throw new OwnstackException(ErrorCode.TOO_LARGE, "event log record of " + body + " bytes is over the limit of "
                        + MAX_BODY_BYTES + " bytes");
            }
            total = Math.addExact(total, HEADER_BYTES + (int) body);
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            int bodyStart = buffer.position() + HEADER_BYTES;
            int bodyLength = MIN_BODY_BYTES + sources[i].length + record.json().length;
            buffer.position(bodyStart);
            buffer.put((byte) record.kind().ordinal());
            buffer.putShort((short) sources[i].length);
            buffer.put(sources[i]);
            buffer.put(record.json());
            crc.reset();
            crc.update(buffer.array(), bodyStart, bodyLength);
            buffer.putInt(bodyStart - HEADER_BYTES, bodyLength);
            buffer.putInt(bodyStart - HEADER_BYTES + 4, (int) crc.getValue());
        }
        buffer.flip();
        return buffer;
    }

    /**
     * The body length in a header, or -1 when it cannot be a record's (a torn or damaged header).
     */
    static int bodyLength(ByteBuffer buffer, int headerAt) {
        int length = buffer.getInt(headerAt);
        return length < MIN_BODY_BYTES || length > MAX_BODY_BYTES ? -1 : length;
    }

    /** Whether the body after the header at {@code headerAt} matches its checksum. */
    static boolean checksumMatches(ByteBuffer buffer, int headerAt, int bodyLength) {
        CRC32C crc = new CRC32C();
        ByteBuffer body = buffer.duplicate();
        body.limit(headerAt + HEADER_BYTES + bodyLength).position(headerAt + HEADER_BYTES);
        crc.update(body);
        return (int) crc.getValue() == buffer.getInt(headerAt + 4);
    }

    /**
     * The record whose header is at {@code headerAt}, or null when its kind or source length does
     * not fit (a damaged record whose checksum happened to match is not worth trusting either).
     */
    static LogRecord decode(ByteBuffer buffer, int headerAt, int bodyLength) {
        int at = headerAt + HEADER_BYTES;
        int kind = buffer.get(at);
        int sourceLength = buffer.getShort(at + 1);
        if (kind < 0 || kind >= KINDS.length || sourceLength < 0 || MIN_BODY_BYTES + sourceLength > bodyLength) {
            return null;
        }
        byte[] source = new byte[sourceLength];
        buffer.get(at + MIN_BODY_BYTES, source);
        byte[] json = new byte[bodyLength - MIN_BODY_BYTES - sourceLength];
        buffer.get(at + MIN_BODY_BYTES + sourceLength, json);
        return new LogRecord(KINDS[kind], new String(source, StandardCharsets.UTF_8), json);
    }

    private static final LogRecord.Kind[] KINDS = LogRecord.Kind.values();
}
