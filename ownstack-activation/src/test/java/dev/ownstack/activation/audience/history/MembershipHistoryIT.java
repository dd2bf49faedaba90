package dev.ownstack.activation.audience.history;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;

/** Membership over time on PostgreSQL: the same tests, the same answers. */
class MembershipHistoryIT extends MembershipHistorySuite {
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
