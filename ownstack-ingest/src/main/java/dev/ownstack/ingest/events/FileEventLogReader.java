package dev.ownstack.ingest.events;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link FileEventLog} forward across its segments, in chunks of a megabyte, returning only
 * records below the log's durable end. One thread.
 */
final class FileEventLogReader implements EventLogReader {
    private final FileEventLog log;
    private long position;
    private long segmentStart;
    private Path segment;
    private FileChannel channel;
    private SegmentScanner scanner;
    private boolean closed;

    FileEventLogReader(FileEventLog log, long position) {
        this.log = log;
        this.position = position;
    }

    @Override
    public List<LogEntry> poll(int maxRecords, Duration wait) {
        if (closed) {
            throw new OwnstackException(ErrorCode.INTERNAL, "event log reader is closed");
        }
        long durable = log.awaitDurableBeyond(position, wait);
        List<LogEntry> entries = new ArrayList<>(Math.min(maxRecords, 1024));
        try {
            while (entries.size() < maxRecords && position < durable) {
                if (scanner == null) {
                    openSegmentAt(position);
                }
                SegmentScanner.Step step = scanner.next(durable - segmentStart);
                if (step == SegmentScanner.Step.RECORD) {
                    long next = position + scanner.recordBytes();
                    entries.add(new LogEntry(0, position, next, scanner.record()));
                    position = next;
                } else if (step == SegmentScanner.Step.END) {
                    nextSegment();
                } else {
                    throw new OwnstackException(ErrorCode.IO_FAILED, "event log segment " + segment + " has a "
                            + (step == SegmentScanner.Step.TORN ? "truncated" : "damaged") + " record at offset " + position
                            + ", below the durable end " + durable);
                }
            }
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read event log segment " + segment + " at offset " + position
                    + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private void openSegmentAt(long offset) throws IOException {
        Map.Entry<Long, Path> holding = log.segments().holding(offset);
        if (holding == null) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "event log " + log.segments().directory() + " has no segment holding offset "
                    + offset + " (it was released)");
        }
        segmentStart = holding.getKey();
        segment = holding.getValue();
        channel = FileChannel.open(segment, StandardOpenOption.READ);
        scanner = new SegmentScanner(channel, offset - segmentStart);
    }

    /** At the end of a segment's file: the next segment must start exactly here. */
    private void nextSegment() throws IOException {
        Map.Entry<Long, Path> next = log.segments().after(segmentStart);
        if (next == null || next.getKey() != position) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "event log segment " + segment + " ends at offset " + position
                    + " but the next segment " + (next == null ? "is missing" : "starts at " + next.getKey()));
        }
        closeSegment();
    }

    private void closeSegment() throws IOException {
        scanner = null;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public LogPosition position() {
        return LogPosition.START.with(0, position);
    }

    @Override
    public void close() {
        closed = true;
        try {
            closeSegment();
        } catch (IOException e) {
            // a read-only channel that fails to close holds nothing worth reporting
        }
    }
}
