package dev.ownstack.activation.audience;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** The injection suite on DuckDB. */
class AudienceInjectionTest extends AudienceInjectionSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
