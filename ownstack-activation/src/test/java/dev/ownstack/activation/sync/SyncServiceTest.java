package dev.ownstack.activation.sync;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** The sync engine on DuckDB in memory. */
class SyncServiceTest extends SyncServiceSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
