package dev.ownstack.activation.audience.preview;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;

/** Previews by score traits on PostgreSQL: the same answers as on DuckDB. */
class ScoreTraitPreviewIT extends ScoreTraitPreviewSuite {
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
