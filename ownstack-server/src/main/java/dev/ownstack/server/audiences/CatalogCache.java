package dev.ownstack.server.audiences;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The model catalog, kept between requests: reading it scans {@code model.events} for event names
 * and property keys, seconds on large tables, far too slow for a preview on every click.
 *
 * <ul>
 *   <li>The first request reads it, and so does a request that finds the model tables' columns
 *       changed (four catalog lookups tell: a rebuild with another trait, a model scored for the
 *       first time); others wait meanwhile.</li>
 *   <li>Older than the time to live (new event names may have arrived), it is still used, and one
 *       refresh starts on the executor with a warehouse of its own; requests take the new catalog
 *       once it is read. A failed refresh is logged and tried again on the next request.</li>
 * </ul>
 *
 * Thread-safe.
 */
final class CatalogCache {
    private static final System.Logger LOG = System.getLogger(CatalogCache.class.getName());

    private final Supplier<Warehouse> warehouses;
    private final Clock clock;
    private final Duration timeToLive;
    private final Executor refresher;
    private Snapshot current;
    private boolean refreshing;

    /** A catalog, the model tables' columns it was read with, and when. */
    private record Snapshot(ModelCatalog catalog, List<Optional<List<Column>>> shape, Instant readAt) {
    }

    CatalogCache(Supplier<Warehouse> warehouses, Clock clock, Duration timeToLive, Executor refresher) {
        this.warehouses = warehouses;
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.refresher = refresher;
    }

    /** A refresher that runs each refresh on a daemon thread of its own. */
    static Executor daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "ownstack-catalog-refresh");
            thread.setDaemon(true);
            thread.start();
        };
    }

    ModelCatalog get(Warehouse warehouse) {
        List<Optional<List<Column>>> shape = shape(warehouse);
        boolean refresh;
        synchronized (this) {
            if (current == null || !current.shape().equals(shape)) {
                current = new Snapshot(ModelCatalog.read(warehouse), shape, clock.instant());
                return current.catalog();
            }
            refresh = !refreshing && clock.instant().isAfter(current.readAt().plus(timeToLive));
            refreshing |= refresh;
        }
        ModelCatalog catalog = current();
        if (refresh) {
            refresher.execute(this::refresh);
        }
        return catalog;
    }

    private synchronized ModelCatalog current() {
        return current.catalog();
    }

    private void refresh() {
        try (Warehouse warehouse = warehouses.get()) {
            List<Optional<List<Column>>> shape = shape(warehouse);
            Instant readAt = clock.instant();
            ModelCatalog catalog = ModelCatalog.read(warehouse);
            synchronized (this) {
                current = new Snapshot(catalog, shape, readAt);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "refreshing the model catalog failed; the next request tries again", e);
        } finally {
            synchronized (this) {
                refreshing = false;
            }
        }
    }

    private static List<Optional<List<Column>>> shape(Warehouse warehouse) {
        return List.of(warehouse.describe(ModelCatalog.CUSTOMERS), warehouse.describe(ModelCatalog.EVENTS),
                warehouse.describe(ModelCatalog.TRANSACTIONS), warehouse.describe(ModelCatalog.CUSTOMER_SCORES));
    }
}
