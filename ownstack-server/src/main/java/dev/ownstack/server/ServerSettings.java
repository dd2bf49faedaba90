package dev.ownstack.server;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.ingest.events.EventLoader;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.Warehouses;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@link OwnstackServer#start(ServerSettings)} serves: the project (its {@code server:},
 * {@code collector:}, event sources and audiences), the event log requests are appended to, the
 * loader that drains it into the warehouse, the clock that stamps {@code receivedAt}, and how the
 * REST API opens the warehouse. The server owns the log and the loader from then on: it starts the
 * loader (pass one not yet started) once it listens, and closes both when it closes.
 *
 * @param loader     empty when another process loads the log; the collector then reports no backlog
 * @param warehouses opens the project's warehouse; the API opens one per request and closes it
 * @param destinations the destination types (connectors) the syncs of the project may use
 */
public record ServerSettings(ProjectConfig config, EventLog log, Optional<EventLoader> loader, Clock clock, Supplier<Warehouse> warehouses,
                             Destinations destinations) {
    private static final System.Logger LOG = System.getLogger(ServerSettings.class.getName());

    public ServerSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(warehouses, "warehouses");
        Objects.requireNonNull(destinations, "destinations");
    }

    /** Settings with the destination types found on the class path. */
    public ServerSettings(ProjectConfig config, EventLog log, Optional<EventLoader> loader, Clock clock, Supplier<Warehouse> warehouses) {
        this(config, log, loader, clock, warehouses, Destinations.load());
    }

    /** Settings whose API opens the warehouse of {@code config}, logging when it waits for a DuckDB file. */
    public ServerSettings(ProjectConfig config, EventLog log, Optional<EventLoader> loader, Clock clock) {
        this(config, log, loader, clock, () -> Warehouses.open(config.warehouse(), message -> LOG.log(System.Logger.Level.INFO, message)));
    }
}
