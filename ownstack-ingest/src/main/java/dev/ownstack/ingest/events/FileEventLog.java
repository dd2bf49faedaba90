package dev.ownstack.ingest.events;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local durable event log: segment files in one directory, appended by one writer thread with
 * group commit. Every {@link #append} queued while the previous group was being synced goes out in
 * the next group: one gathering write, one {@code fsync} ({@link FileChannel#force(boolean)
 * force(false)}), then all of the group's futures complete with the position after their records.
 * The futures complete on the writer thread, so callers should continue asynchronously.
 *
 * <p>Layout: {@code log.id} (a UUID made with the log; {@link #id()} is {@code file:<uuid>}) and
 * segments named by the global byte offset of their first record, rolled once they would exceed
 * the segment size. Records are framed as {@link RecordFraming} describes. A new segment's name is
 * made durable by syncing the directory.
 *
 * <p>Recovery: on open the last segment is scanned and cut at the first incomplete or damaged
 * record. Those bytes were never acknowledged: an append is acknowledged only after the sync that
 * covers it. What was cut is logged and kept in {@link #recovery()}.
 *
 * <p>Failure: when a write or sync fails, that group's appends fail with IO_FAILED, and so does
 * every later append until the log is reopened (after a failed {@code fsync} the kernel may have
 * dropped the dirty pages, so nothing written after it can be trusted without re-reading the
 * file, which reopening does). Appends beyond the pending-bytes bound fail at once with
 * OVERLOADED.
 *
 * <p>Threading: {@link #append} is safe from any thread; readers are used by one thread each and
 * see only durable records.
 */
public final class FileEventLog implements EventLog {
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L << 20;
    private static final System.Logger LOG = System.getLogger(FileEventLog.class.getName());

    /** What recovery cut from the end of the last segment on open. */
    public record Recovery(Path segment, long keptBytes, long truncatedBytes, String reason) {
    }

    private final LogSegments segments;
    private final String id;
    private final long segmentBytes;
    private final long maxPendingBytes;
    private final Optional<Recovery> recovery;

    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queued = queueLock.newCondition();
    private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
    private long pendingBytes;
    private boolean closed;

    private final ReentrantLock durableLock = new ReentrantLock();
    private final Condition advanced = durableLock.newCondition();
    private volatile long durableEnd;
    private volatile boolean readersReleased;

    private volatile OwnstackException failure;

    // owned by the writer thread
    private FileChannel active;
    private long activeStart;
    private long end;

    private final Sync sync;
    /** Written by the writer thread only. */
    private volatile long syncs;
    private final Thread writer;

    /** How the writer makes a segment's written bytes durable; tests put a slow or failing disk here. */
    @FunctionalInterface
    interface Sync {
        Sync FORCE = channel -> channel.force(false);

        void force(FileChannel channel) throws IOException;
    }

    /** Opens (or creates) the log in {@code directory} with the default segment size and queue bound. */
    public FileEventLog(Path directory) {
        this(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_PENDING_BYTES);
    }

    public FileEventLog(Path directory, long segmentBytes, long maxPendingBytes) {
        this(directory, segmentBytes, maxPendingBytes, Sync.FORCE);
    }

    FileEventLog(Path directory, long segmentBytes, long maxPendingBytes, Sync sync) {
        this.sync = sync;
        if (segmentBytes <= 0 || maxPendingBytes <= 0) {
            throw new OwnstackException(ErrorCode.INTERNAL, "event log segment size and queue bound must be positive, got "
                    + segmentBytes + " and " + maxPendingBytes);
        }
        this.segmentBytes = segmentBytes;
        this.maxPendingBytes = maxPendingBytes;
        this.segments = LogSegments.open(directory);
        this.id = "file:" + segments.readOrCreateId();
        try {
            if (segments.isEmpty()) {
                segments.create(0);
            }
            Map.Entry<Long, Path> last = segments.last();
            this.recovery = recover(last.getValue());
            this.activeStart = last.getKey();
            this.active = FileChannel.open(last.getValue(), StandardOpenOption.WRITE);
            this.end = activeStart + active.size();
            active.position(active.size());
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot open event log " + directory + ": " + e.getMessage(), e);
        }
        this.durableEnd = end;
        recovery.ifPresent(cut -> LOG.log(System.Logger.Level.WARNING, "event log " + directory + ": cut " + cut.truncatedBytes()
                + " unacknowledged bytes from the end of " + cut.segment().getFileName() + " (" + cut.reason() + "), kept "
                + cut.keptBytes()));
        this.writer = new Thread(this::writeLoop, "event-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Scans the last segment and cuts it after its last whole, intact record. */
    private static Optional<Recovery> recover(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            SegmentScanner scanner = new SegmentScanner(channel, 0);
            SegmentScanner.Step step;
            do {
                step = scanner.next(size);
            } while (step == SegmentScanner.Step.RECORD);
            if (step == SegmentScanner.Step.END) {
                return Optional.empty();
            }
            long kept = scanner.position();
            channel.truncate(kept);
            channel.force(true);
            String reason = step == SegmentScanner.Step.TORN ? "incomplete record at file offset " + kept
                    : "damaged record (bad length or checksum) at file offset " + kept;
            return Optional.of(new Recovery(segment, kept, size - kept, reason));
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** What recovery cut from the last segment when this log was opened, if anything. */
    public Optional<Recovery> recovery() {
        return recovery;
    }

    /** The offset after the last durable record. */
    public long durableEnd() {
        return durableEnd;
    }

    @Override
    public CompletableFuture<LogPosition> append(List<LogRecord> records) {
        OwnstackException failed = failure;
        if (failed != null) {
            return CompletableFuture.failedFuture(failed);
        }
        ByteBuffer bytes;
        try {
            bytes = RecordFraming.encode(records);
        } catch (OwnstackException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingAppend pending = new PendingAppend(bytes, new CompletableFuture<>());
        queueLock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new OwnstackException(ErrorCode.OVERLOADED,
                        "event log " + segments.directory() + " is closing; retry shortly"));
            }
            if (pendingBytes > 0 && pendingBytes + bytes.remaining() > maxPendingBytes) {
                return CompletableFuture.failedFuture(new OwnstackException(ErrorCode.OVERLOADED, "event log write queue is full ("
                        + String.format(Locale.ROOT, "%.1f", pendingBytes / (double) (1 << 20)) + " MiB pending); retry shortly"));
            }
            pendingBytes += bytes.remaining();
            queue.add(pending);
            queued.signal();
        } finally {
            queueLock.unlock();
        }
        return pending.future();
    }

    private void writeLoop() {
        while (true) {
            List<PendingAppend> group;
            queueLock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    break;
                }
                group = new ArrayList<>(queue);
                queue.clear();
            } finally {
                queueLock.unlock();
            }
            writeGroup(group);
        }
        try {
            active.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close event log segment in " + segments.directory() + ": " + e.getMessage());
        }
    }

    private void writeGroup(List<PendingAppend> group) {
        long[] ends = new long[group.size()];
        OwnstackException cause = failure;
        if (cause == null) {
            try {
                List<ByteBuffer> batch = new ArrayList<>(group.size());
                for (int i = 0; i < group.size(); i++) {
                    ByteBuffer bytes = group.get(i).bytes();
                    if (end > activeStart && end - activeStart + bytes.remaining() > segmentBytes) {
                        writeAndSync(batch);
                        batch.clear();
                        roll();
                    }
                    batch.add(bytes);
                    end += bytes.remaining();
                    ends[i] = end;
                }
                writeAndSync(batch);
                publish(end);
            } catch (IOException | RuntimeException e) {
                cause = new OwnstackException(ErrorCode.IO_FAILED, "event log " + segments.directory() + " failed to write or sync ("
                        + e.getMessage() + "); nothing since the last sync is acknowledged, and the log takes no appends until it is"
                        + " reopened", e);
                failure = cause;
                LOG.log(System.Logger.Level.ERROR, cause.getMessage(), e);
            }
        }
        // written and synced (or failed): no longer pending, before anyone hears of it
        releasePending(groupBytes(group));
        for (int i = 0; i < group.size(); i++) {
            if (cause == null) {
                group.get(i).future().complete(LogPosition.START.with(0, ends[i]));
            } else {
                group.get(i).future().completeExceptionally(cause);
            }
        }
    }

    private static long groupBytes(List<PendingAppend> group) {
        long total = 0;
        for (PendingAppend pending : group) {
            total += pending.bytes().limit();
        }
        return total;
    }

    private void releasePending(long bytes) {
        queueLock.lock();
        try {
            pendingBytes -= bytes;
        } finally {
            queueLock.unlock();
        }
    }

    private void writeAndSync(List<ByteBuffer> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        ByteBuffer[] buffers = batch.toArray(new ByteBuffer[0]);
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        while (remaining > 0) {
            remaining -= active.write(buffers);
        }
        sync.force(active);
        syncs++;
    }

    private void roll() throws IOException {
        active.close();
        Path next = segments.create(end);
        active = FileChannel.open(next, StandardOpenOption.WRITE);
        activeStart = end;
    }

    private void publish(long durable) {
        durableLock.lock();
        try {
            durableEnd = durable;
            advanced.signalAll();
        } finally {
            durableLock.unlock();
        }
    }

    /**
     * Waits until the durable end is beyond {@code position}, the wait runs out or the log closes;
     * returns the durable end.
     */
    long awaitDurableBeyond(long position, Duration wait) {
        long nanos = wait.toNanos();
        durableLock.lock();
        try {
            while (durableEnd <= position && nanos > 0 && !readersReleased) {
                nanos = advanced.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            durableLock.unlock();
        }
        return durableEnd;
    }

    /** Syncs done so far. */
    long syncs() {
        return syncs;
    }

    LogSegments segments() {
        return segments;
    }

    @Override
    public EventLogReader reader(LogPosition from) {
        long position = from.offset(0);
        long first = segments.firstStart();
        if (position < first) {
            LOG.log(System.Logger.Level.WARNING, "event log " + segments.directory() + ": reading from " + first + " instead of "
                    + position + ", where the log was already released");
            position = first;
        }
        if (position > durableEnd) {
            throw new OwnstackException(ErrorCode.INTERNAL, "event log " + segments.directory() + " cannot read from " + position
                    + ": it ends at " + durableEnd);
        }
        return new FileEventLogReader(this, position);
    }

    @Override
    public long backlogBytes(LogPosition loaded) {
        return Math.max(0, durableEnd - Math.max(loaded.offset(0), segments.firstStart()));
    }

    @Override
    public void release(LogPosition loaded) {
        long offset = Math.min(loaded.offset(0), durableEnd);
        try {
            List<Path> deleted = segments.deleteBefore(offset);
            if (!deleted.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, () -> "event log released " + deleted);
            }
        } catch (IOException e) {
            // the segments stay and are deleted at the next release; nothing is lost
            LOG.log(System.Logger.Level.WARNING, "event log " + segments.directory() + ": cannot delete loaded segments before "
                    + offset + ": " + e.getMessage());
        }
    }

    /** Stops taking appends, writes and syncs what is queued, completes its futures and closes the files. */
    @Override
    public void close() {
        queueLock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            queueLock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        durableLock.lock();
        try {
            readersReleased = true;
            advanced.signalAll();
        } finally {
            durableLock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record PendingAppend(ByteBuffer bytes, CompletableFuture<LogPosition> future) {
    }
}
