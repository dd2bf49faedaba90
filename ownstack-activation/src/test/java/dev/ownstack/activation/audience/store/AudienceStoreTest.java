package dev.ownstack.activation.audience.store;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** The audience store on DuckDB in memory. */
class AudienceStoreTest extends AudienceStoreSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
