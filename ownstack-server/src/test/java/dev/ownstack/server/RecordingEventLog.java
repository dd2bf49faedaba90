package dev.ownstack.server;

import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.ingest.events.EventLogReader;
import dev.ownstack.ingest.events.LogEntry;
import dev.ownstack.ingest.events.LogPosition;
import dev.ownstack.ingest.events.LogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event log in memory for HTTP tests: keeps what was appended, or fails every append with the
 * exception it was told to, and reports the backlog it was told to.
 */
public final class RecordingEventLog implements EventLog {
    private final List<LogRecord> records = new ArrayList<>();
    private volatile OwnstackException failure;
    private volatile boolean closed;
    private volatile long backlogBytes;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Duration appendDelay = Duration.ZERO;
    private volatile boolean closedWithAppendPending;

    public void failWith(OwnstackException exception) {
        this.failure = exception;
    }

    /** Makes each append complete only after this delay, on another thread, as a slow disk would. */
    public void delayAppends(Duration delay) {
        this.appendDelay = delay;
    }

    /** Whether {@link #close()} came while an append had not completed. */
    public boolean closedWithAppendPending() {
        return closedWithAppendPending;
    }

    public void backlog(long bytes) {
        this.backlogBytes = bytes;
    }

    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public String id() {
        return "memory:test";
    }

    @Override
    public CompletableFuture<LogPosition> append(List<LogRecord> appended) {
        OwnstackException current = failure;
        if (current != null) {
            return CompletableFuture.failedFuture(current);
        }
        Duration delay = appendDelay;
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(store(appended));
        }
        pending.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> store(appended), CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                .whenComplete((position, error) -> pending.decrementAndGet());
    }

    private synchronized LogPosition store(List<LogRecord> appended) {
        records.addAll(appended);
        return LogPosition.START.with(0, records.size());
    }

    /** A reader that never finds a record: what HTTP tests append is checked here, not loaded. */
    @Override
    public EventLogReader reader(LogPosition from) {
        return new EventLogReader() {
            @Override
            public List<LogEntry> poll(int maxRecords, Duration wait) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public LogPosition position() {
                return from;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long backlogBytes(LogPosition loaded) {
        return backlogBytes;
    }

    @Override
    public void release(LogPosition loaded) {
    }

    @Override
    public void close() {
        closedWithAppendPending |= pending.get() > 0;
        closed = true;
    }
}
