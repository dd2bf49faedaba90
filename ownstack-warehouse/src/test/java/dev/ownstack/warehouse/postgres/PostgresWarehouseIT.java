package dev.ownstack.warehouse.postgres;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.WarehouseBehaviourSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The behaviour suite on the test PostgreSQL server, in a database of its own. */
class PostgresWarehouseIT extends WarehouseBehaviourSuite {
    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected Warehouse openWarehouse() {
        return PostgresWarehouse.connect(database.config());
    }
}
