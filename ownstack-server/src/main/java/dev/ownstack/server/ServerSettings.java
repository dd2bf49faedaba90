package dev.ownstack.server;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.server.collector.LoaderStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OwnstackServer#start(ServerSettings)} serves: the project (its {@code server:},
 * {@code collector:} and event sources), the event log requests are appended to, the loader that
 * drains it when it runs in this process, and the clock that stamps {@code receivedAt}. The
 * server owns the log and the loader from then on and closes them when it closes.
 *
 * @param loader empty when another process loads the log (the collector then never reports a
 *     backlog)
 */
public record ServerSettings(ProjectConfig config, EventLog log, Optional<Loader> loader, Clock clock) {
    public ServerSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(clock, "clock");
    }

    /** A loader running in this process: its status, and how to stop it. */
    public interface Loader extends LoaderStatus, AutoCloseable {
        @Override
        void close();
    }
}
