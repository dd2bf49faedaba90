package dev.ownstack.warehouse.duckdb;

import dev.ownstack.warehouse.SqlExpressionSuite;
import dev.ownstack.warehouse.Warehouse;

class DuckDbSqlExpressionTest extends SqlExpressionSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
