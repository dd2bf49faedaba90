package dev.ownstack.warehouse.duckdb;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.WarehouseBehaviourSuite;

/** The behaviour suite on an in-memory DuckDB. */
class DuckDbWarehouseTest extends WarehouseBehaviourSuite {
    @Override
    protected Warehouse openWarehouse() {
        return DuckDbWarehouse.inMemory();
    }
}
