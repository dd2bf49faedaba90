package dev.ownstack.ingest.events;

import java.util.Objects;

/**
 * One record of the event log: an accepted event or a rejected one, from an event source, as the
 * UTF-8 JSON documented in docs/EVENTS.md ("The log record").
 */
public record LogRecord(Kind kind, String source, byte[] json) {

    public enum Kind {
        /** A normalised event, loaded into {@code raw.events}. */
        EVENT,
        /** An event that failed validation, with its reason, loaded into {@code ownstack.event_rejects}. */
        REJECT
    }

    public LogRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(json, "json");
    }
}
