package dev.ownstack.warehouse;

import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.time.Duration;
import java.util.function.Consumer;

/** Opens the warehouse a project's configuration names. */
public final class Warehouses {
    private Warehouses() {
    }

    public static Warehouse open(WarehouseConfig config, Consumer<String> onWait) {
        return open(config, DuckDbWarehouse.DEFAULT_LOCK_WAIT, onWait);
    }

    public static Warehouse open(WarehouseConfig config, Duration lockWait, Consumer<String> onWait) {
        if (config instanceof WarehouseConfig.DuckDb duckDb) {
            return DuckDbWarehouse.open(duckDb.location(), lockWait, onWait);
        }
        return PostgresWarehouse.connect((WarehouseConfig.Postgres) config);
    }
}
