package dev.ownstack.activation.sync;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;

/** Score traits in sync mappings on PostgreSQL: the same records as on DuckDB. */
class ScoreTraitSyncIT extends ScoreTraitSyncSuite {
    private PostgresTestDatabase database;

    @Override
    protected Warehouse open() {
        database = PostgresTestDatabase.create();
        return PostgresWarehouse.connect(database.config());
    }

    @Override
    protected void dispose() {
        database.close();
    }
}
