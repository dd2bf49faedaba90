package dev.ownstack.insights.scoring;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.AfterEach;

class PostgresScoreDistributionIT extends ScoreDistributionSuite {
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
