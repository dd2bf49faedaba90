package dev.ownstack.server.collector;

import dev.ownstack.ingest.events.EventLoader;
import java.time.Instant;
import java.util.Optional;

/**
 * What the collector reads of the loader that drains its log into the warehouse: how far behind it
 * is (to refuse traffic before the disk fills up) and what it has done (for status and metrics).
 * Called from request threads and scrapes at any time.
 */
public interface LoaderStatus {

    /** Accepted bytes not yet loaded into the warehouse. */
    long backlogBytes();

    /** Events committed to {@code raw.events} since the loader started. */
    long eventsLoaded();

    /** When the last load transaction committed; empty before the first. */
    Optional<Instant> lastLoadAt();

    /** Why the last batch failed, while the loader retries it; empty when the last one succeeded. */
    Optional<String> lastError();

    /** The status of a loader running in this process. */
    static LoaderStatus of(EventLoader loader) {
        return new LoaderStatus() {
            @Override
            public long backlogBytes() {
                return loader.backlogBytes();
            }

            @Override
            public long eventsLoaded() {
                return loader.stats().loaded();
            }

            @Override
            public Optional<Instant> lastLoadAt() {
                return loader.stats().lastLoadAt();
            }

            @Override
            public Optional<String> lastError() {
                return loader.stats().lastError();
            }
        };
    }

    /** For a collector whose log another process loads. */
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

        @Override
        public Optional<String> lastError() {
            return Optional.empty();
        }
    };
}
