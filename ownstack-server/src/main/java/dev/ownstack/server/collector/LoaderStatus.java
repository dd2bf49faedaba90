package dev.ownstack.server.collector;

import dev.ownstack.ingest.events.EventLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * The status of a loader running in this process. Its backlog is read from the log at most
     * every {@code backlogRefresh} (a Kafka log asks the cluster for it), by one request while the
     * others use the value before.
     */
    static LoaderStatus of(EventLoader loader, Duration backlogRefresh) {
        return new LoaderStatus() {
            private final long refreshNanos = backlogRefresh.toNanos();
            private final AtomicLong readAt = new AtomicLong(System.nanoTime() - refreshNanos);
            private volatile long backlog;

            @Override
            public long backlogBytes() {
                long last = readAt.get();
                long now = System.nanoTime();
                if (now - last >= refreshNanos && readAt.compareAndSet(last, now)) {
                    backlog = loader.backlogBytes();
                }
                return backlog;
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
