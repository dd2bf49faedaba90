package dev.ownstack.insights.scoring;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

class DuckDbScoreDistributionTest extends ScoreDistributionSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
