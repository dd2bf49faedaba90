package dev.ownstack.ingest.events;

import java.util.Objects;

/** A record read back from the log, with where it is: {@code nextOffset} is the offset after it. */
public record LogEntry(int partition, long offset, long nextOffset, LogRecord record) {
    public LogEntry {
        Objects.requireNonNull(record, "record");
    }
}
