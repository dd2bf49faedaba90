package dev.ownstack.warehouse.duckdb;

import dev.ownstack.warehouse.HashBucketSuite;
import dev.ownstack.warehouse.Warehouse;
import org.junit.jupiter.api.AfterEach;

class DuckDbHashBucketTest extends HashBucketSuite {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @Override
    protected Warehouse warehouse() {
        return warehouse;
    }

    @AfterEach
    void close() {
        warehouse.close();
    }
}
