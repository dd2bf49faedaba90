package dev.ownstack.insights.ltv;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import org.junit.jupiter.api.AfterEach;

class RfmQueryTest extends RfmQuerySuite {
    private final DuckDbWarehouse warehouse = DuckDbWarehouse.inMemory();

    @Override
    protected Warehouse warehouse() {
        return warehouse;
    }

    @AfterEach
    void close() {
        warehouse.close();
    }
}
