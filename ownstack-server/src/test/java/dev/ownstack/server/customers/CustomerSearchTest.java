package dev.ownstack.server.customers;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** Customer search and the customer 360 on DuckDB in memory. */
class CustomerSearchTest extends CustomerSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
