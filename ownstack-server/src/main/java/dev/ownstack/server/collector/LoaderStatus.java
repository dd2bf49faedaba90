package dev.ownstack.server.collector;

import java.time.Instant;
import java.util.Optional;

/**
 * What the collector reads of the loader that drains its log into the warehouse: how far behind it
 * is (to refuse traffic before the disk fills up) and what it has done (for status and metrics).
 * Called from request threads and scrapes at any time; implementations answer from memory.
 */
public interface LoaderStatus {

    /** Accepted bytes not yet loaded into the warehouse. */
    long backlogBytes();

    /** Events committed to {@code raw.events} since the loader started. */
    long eventsLoaded();

    /** When the last load transaction committed; empty before the first. */
    Optional<Instant> lastLoadAt();

    /** For a collector that runs without a loader in this process (another node loads). */
    LoaderStatus NONE = new LoaderStatus() {
        @Override
        public long backlogBytes() {
            return 0;
        }

        @Override
        public long eventsLoaded() {
            return 0;
        }

        @Override
        public Optional<Instant> lastLoadAt() {
            return Optional.empty();
        }
    };
}
