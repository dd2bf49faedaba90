package dev.ownstack.server;

import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.ingest.events.EventLogReader;
import dev.ownstack.ingest.events.LogPosition;
import dev.ownstack.ingest.events.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An event log in memory for HTTP tests: keeps what was appended, or fails every append with the
 * exception it was told to.
 */
public final class RecordingEventLog implements EventLog {
    private final List<LogRecord> records = new ArrayList<>();
    private volatile OwnstackException failure;
    private volatile boolean closed;

    public void failWith(OwnstackException exception) {
        this.failure = exception;
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
    public synchronized CompletableFuture<LogPosition> append(List<LogRecord> appended) {
        OwnstackException current = failure;
        if (current != null) {
            return CompletableFuture.failedFuture(current);
        }
        records.addAll(appended);
        return CompletableFuture.completedFuture(LogPosition.START.with(0, records.size()));
    }

    @Override
    public EventLogReader reader(LogPosition from) {
        throw new IllegalStateException("HTTP tests do not read the log");
    }

    @Override
    public long backlogBytes(LogPosition loaded) {
        return 0;
    }

    @Override
    public void release(LogPosition loaded) {
    }

    @Override
    public void close() {
        closed = true;
    }
}
