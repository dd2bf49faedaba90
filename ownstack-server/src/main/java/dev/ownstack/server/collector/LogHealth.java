package dev.ownstack.server.collector;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the event log works, as the collector last saw it: failing from an append that failed
 * to write or sync until the next one that succeeds. Thread-safe.
 */
public final class LogHealth {
    private final AtomicReference<String> failure = new AtomicReference<>();

    void succeeded() {
        if (failure.get() != null) {
            failure.set(null);
        }
    }

    void failed(String reason) {
        failure.set(reason);
    }

    /** Why the log is failing; empty while it works. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }
}
