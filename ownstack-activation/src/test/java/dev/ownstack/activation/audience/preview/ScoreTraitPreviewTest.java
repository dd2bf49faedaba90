package dev.ownstack.activation.audience.preview;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** Previews by score traits on DuckDB in memory. */
class ScoreTraitPreviewTest extends ScoreTraitPreviewSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
