package dev.ownstack.activation.sync;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** Score traits in sync mappings on DuckDB in memory. */
class ScoreTraitSyncTest extends ScoreTraitSyncSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
