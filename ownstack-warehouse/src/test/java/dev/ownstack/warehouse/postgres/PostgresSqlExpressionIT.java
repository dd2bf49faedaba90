package dev.ownstack.warehouse.postgres;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.SqlExpressionSuite;
import dev.ownstack.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSqlExpressionIT extends SqlExpressionSuite {
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
    protected Warehouse open() {
        return PostgresWarehouse.connect(database.config());
    }
}
