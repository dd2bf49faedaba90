package dev.ownstack.insights.scores;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.AfterEach;

class PostgresCustomerScoresIT extends CustomerScoresSuite {
    private PostgresTestDatabase database;

    @Override
    protected Warehouse open() {
        database = PostgresTestDatabase.create();
        return PostgresWarehouse.connect(database.config());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
