package dev.ownstack.server.audiences;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The model catalog, kept between requests: reading it scans {@code model.events} for event names
 * and property keys, far too slow for a preview on every click. It is read again when the model
 * tables' columns change (a rebuild with another trait: three catalog lookups tell) or when it is
 * older than the time to live (new event names). Thread-safe; requests wait while one reads it.
 */
final class CatalogCache {
    private final Clock clock;
    private final Duration timeToLive;
    private ModelCatalog catalog;
    private List<Optional<List<Column>>> shape;
    private Instant readAt;

    CatalogCache(Clock clock, Duration timeToLive) {
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    synchronized ModelCatalog get(Warehouse warehouse) {
        List<Optional<List<Column>>> current = List.of(warehouse.describe(ModelCatalog.CUSTOMERS), warehouse.describe(ModelCatalog.EVENTS),
                warehouse.describe(ModelCatalog.TRANSACTIONS));
        Instant now = clock.instant();
        if (catalog == null || !current.equals(shape) || now.isAfter(readAt.plus(timeToLive))) {
            catalog = ModelCatalog.read(warehouse);
            shape = current;
            readAt = now;
        }
        return catalog;
    }
}
