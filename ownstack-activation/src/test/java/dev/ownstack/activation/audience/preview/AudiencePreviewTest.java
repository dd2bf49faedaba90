package dev.ownstack.activation.audience.preview;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;

/** Previews on DuckDB in memory. */
class AudiencePreviewTest extends AudiencePreviewSuite {
    @Override
    protected Warehouse open() {
        return DuckDbWarehouse.inMemory();
    }
}
