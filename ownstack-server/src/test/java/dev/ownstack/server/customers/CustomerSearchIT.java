package dev.ownstack.server.customers;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;

/** Customer search and the customer 360 on PostgreSQL: the same tests, the same answers. */
class CustomerSearchIT extends CustomerSuite {
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
