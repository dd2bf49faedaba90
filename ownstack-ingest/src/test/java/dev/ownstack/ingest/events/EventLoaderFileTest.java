package dev.ownstack.ingest.events;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Duration;

/** The event loader's guarantees on a DuckDB file, opened afresh for every batch and closed after it. */
class EventLoaderFileTest extends EventLoaderSuite {
    @Override
    Warehouse connect() {
        return DuckDbWarehouse.open(directory.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(10), message -> {
        });
    }

    @Override
    void dropWarehouse() {
        // the file goes with the test's temporary directory
    }
}
