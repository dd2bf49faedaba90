package dev.ownstack.ingest.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads framed records from one segment file in large chunks (one read call per chunk, not per
 * record), up to a limit the caller gives per call. Used by recovery and by readers; one thread.
 */
final class SegmentScanner {
    static final int CHUNK_BYTES = 1 << 20;

    enum Step {
        /** A whole record with a matching checksum: see {@link #record()} and {@link #recordBytes()}. */
        RECORD,
        /** No bytes left before the limit or the end of the file. */
        END,
        /** Some bytes, but fewer than the record they start (a write that did not finish). */
        TORN,
        /** A header or body that cannot be a record's, or a checksum mismatch. */
        CORRUPT
    }

    private final FileChannel channel;
    /** Bytes read ahead in read mode; its position is the file offset {@link #position}. */
    private ByteBuffer buffer;
    private long position;
    private long loadedEnd;
    private LogRecord record;
    private int recordBytes;

    SegmentScanner(FileChannel channel, long filePosition) {
        this.channel = channel;
        this.position = filePosition;
        this.loadedEnd = filePosition;
        this.buffer = ByteBuffer.allocate(CHUNK_BYTES).flip();
    }

    /** The file offset of the next record. */
    long position() {
        return position;
    }

    LogRecord record() {
        return record;
    }

    int recordBytes() {
        return recordBytes;
    }

    /** Reads the next record ending at or before the file offset {@code limit}. */
    Step next(long limit) throws IOException {
        if (!fill(RecordFraming.HEADER_BYTES, limit)) {
            return buffer.hasRemaining() ? Step.TORN : Step.END;
        }
        int bodyLength = RecordFraming.bodyLength(buffer, buffer.position());
        if (bodyLength < 0) {
            return Step.CORRUPT;
        }
        int total = RecordFraming.HEADER_BYTES + bodyLength;
        if (!fill(total, limit)) {
            return Step.TORN;
        }
        int at = buffer.position();
        if (!RecordFraming.checksumMatches(buffer, at, bodyLength)) {
            return Step.CORRUPT;
        }
        LogRecord decoded = RecordFraming.decode(buffer, at, bodyLength);
        if (decoded == null) {
            return Step.CORRUPT;
        }
        buffer.position(at + total);
        position += total;
        record = decoded;
        recordBytes = total;
        return Step.RECORD;
    }

    /** Makes {@code needed} bytes available from {@link #position}, reading no further than {@code limit}. */
    private boolean fill(int needed, long limit) throws IOException {
        while (buffer.remaining() < needed) {
            if (loadedEnd >= limit) {
                return false;
            }
            if (buffer.capacity() < needed) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, buffer.capacity() * 2));
                larger.put(buffer);
                buffer = larger;
            } else {
                buffer.compact();
            }
            long room = Math.min(buffer.remaining(), limit - loadedEnd);
            buffer.limit(buffer.position() + (int) room);
            int read = channel.read(buffer, loadedEnd);
            buffer.flip();
            if (read <= 0) {
                return false;
            }
            loadedEnd += read;
        }
        return true;
    }
}
