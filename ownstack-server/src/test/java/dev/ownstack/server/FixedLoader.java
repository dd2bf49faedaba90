package dev.ownstack.server;

import java.time.Instant;
import java.util.Optional;

/** A loader whose status the test sets. */
public final class FixedLoader implements ServerSettings.Loader {
    private volatile long backlogBytes;
    private volatile long eventsLoaded;
    private volatile Instant lastLoadAt;
    private volatile boolean closed;

    public void set(long backlog, long loaded, Instant lastLoad) {
        this.backlogBytes = backlog;
        this.eventsLoaded = loaded;
        this.lastLoadAt = lastLoad;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public long backlogBytes() {
        return backlogBytes;
    }

    @Override
    public long eventsLoaded() {
        return eventsLoaded;
    }

    @Override
    public Optional<Instant> lastLoadAt() {
        return Optional.ofNullable(lastLoadAt);
    }

    @Override
    public void close() {
        closed = true;
    }
}
