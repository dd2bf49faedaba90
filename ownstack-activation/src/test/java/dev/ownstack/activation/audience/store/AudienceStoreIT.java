package dev.ownstack.activation.audience.store;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;

/** The audience store on PostgreSQL: the same tests, the same answers. */
class AudienceStoreIT extends AudienceStoreSuite {
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
