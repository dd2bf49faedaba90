package dev.ownstack.ingest.events;

/**
 * Moves events from an {@link EventLog} into {@code raw.events} (and rejects into
 * {@code ownstack.event_rejects}) in micro-batches, exactly once: the rows and the log position
 * after them are committed in one warehouse transaction, and events whose
 * {@code (source, message_id)} is already in {@code raw.events} within the dedup window are
 * dropped.
 */
public final class EventLoader {
    private EventLoader() {
        throw new UnsupportedOperationException("EventLoader is being written");
    }
}
