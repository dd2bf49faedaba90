package dev.ownstack.ingest.events;

import java.time.Duration;
import java.util.List;

/** Reads an {@link EventLog} forward from a position. Used by one thread. */
public interface EventLogReader extends AutoCloseable {

    /**
     * The next records (at most {@code maxRecords}), waiting up to {@code wait} for the first one;
     * an empty list when none arrived. Only durable records are returned.
     */
    List<LogEntry> poll(int maxRecords, Duration wait);

    /** The position just after the last record returned. */
    LogPosition position();

    @Override
    void close();
}
