package dev.ownstack.server.audiences;

import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.activation.audience.preview.AudiencePreview;
import dev.ownstack.activation.audience.store.AudienceStore;
import dev.ownstack.activation.audience.store.CompileContext;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.SqlDialects;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the audience and recipe endpoints share: the project's audiences of {@code ownstack.yml},
 * the warehouse (opened per request and closed after it, so the CLI can use a DuckDB file
 * between requests), the model catalog kept between requests, and the time rules count back
 * from ({@code models.as-of}, else now). Thread-safe.
 */
public final class AudienceApi {
    /** How long the model catalog is used before it is read again in the background, when the model tables' columns stay the same. */
    public static final Duration CATALOG_TIME_TO_LIVE = Duration.ofMinutes(1);

    private final Supplier<Warehouse> warehouses;
    private final Map<String, AudienceDefinition> configured;
    private final Optional<Instant> asOf;
    private final Clock clock;
    private final CatalogCache catalogs;

    /**
     * @param configured the audiences of {@code ownstack.yml}
     * @param asOf       {@code models.as-of}; empty for now
     */
    public AudienceApi(Supplier<Warehouse> warehouses, Map<String, AudienceDefinition> configured, Optional<Instant> asOf, Clock clock) {
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.configured = new LinkedHashMap<>(configured);
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.catalogs = new CatalogCache(warehouses, clock, CATALOG_TIME_TO_LIVE, CatalogCache.daemonThreads());
    }

    /** A warehouse connection and what works on it, for one request. */
    Workspace open() {
        return new Workspace(warehouses.get());
    }

    /** The dialect of that name: the engines ownstack runs on and those it writes SQL for ({@code SqlDialects}). */
    static SqlDialect dialect(String name) {
        return SqlDialects.all().stream().filter(dialect -> dialect.name().equals(name)).findFirst()
                .orElseThrow(() -> new OwnstackException(ErrorCode.INPUT_INVALID, "dialect: '" + name + "' is not one of "
                        + String.join(", ", SqlDialects.names())));
    }

    /** One request's warehouse connection, store, previews and history. Not thread-safe. */
    final class Workspace implements AutoCloseable {
        final Warehouse warehouse;
        final AudienceStore store;
        private CompileContext context;

        private Workspace(Warehouse warehouse) {
            this.warehouse = warehouse;
            this.store = new AudienceStore(warehouse, configured, clock);
        }

        /** The catalog, engine and as-of time to compile against (reads the catalog on first use). */
        CompileContext context() {
            if (context == null) {
                context = new CompileContext(catalogs.get(warehouse), warehouse.dialect(), asOf.orElseGet(clock::instant));
            }
            return context;
        }

        AudiencePreview preview() {
            return new AudiencePreview(warehouse, context().catalog());
        }

        MembershipHistory history() {
            return new MembershipHistory(warehouse, clock);
        }

        @Override
        public void close() {
            warehouse.close();
        }
    }
}
