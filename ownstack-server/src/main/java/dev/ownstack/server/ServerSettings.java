package dev.ownstack.server;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.ingest.events.EventLoader;
import dev.ownstack.ingest.events.EventLog;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OwnstackServer#start(ServerSettings)} serves: the project (its {@code server:},
 * {@code collector:} and event sources), the event log requests are appended to, the loader that
 * drains it into the warehouse, and the clock that stamps {@code receivedAt}. The server owns the
 * log and the loader from then on: it starts the loader (pass one not yet started) once it
 * listens, and closes both when it closes.
 *
 * @param loader empty when another process loads the log; the collector then reports no backlog
 */
public record ServerSettings(ProjectConfig config, EventLog log, Optional<EventLoader> loader, Clock clock) {
    public ServerSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(clock, "clock");
    }
}
