package dev.ownstack.activation.audience.history;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** Membership over time on DuckDB in memory. */
class MembershipHistoryTest extends MembershipHistorySuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
