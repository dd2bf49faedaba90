package dev.ownstack.ingest.events;

import dev.ownstack.warehouse.ForwardingWarehouse;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** The event loader's guarantees on an in-memory DuckDB, which every batch's connection shares. */
class EventLoaderTest extends EventLoaderSuite {
    private final DuckDbWarehouse memory = DuckDbWarehouse.inMemory();

    @Override
    Warehouse connect() {
        return new ForwardingWarehouse(memory, false);
    }

    @Override
    void dropWarehouse() {
        memory.close();
    }
}
