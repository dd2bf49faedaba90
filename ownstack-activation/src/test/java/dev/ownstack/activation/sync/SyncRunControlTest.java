package dev.ownstack.activation.sync;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** Guardrails, approval and conflicts on DuckDB in memory. */
class SyncRunControlTest extends SyncRunControlSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
