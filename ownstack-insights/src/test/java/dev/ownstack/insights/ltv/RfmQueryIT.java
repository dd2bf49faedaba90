package dev.ownstack.insights.ltv;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.AfterEach;

class RfmQueryIT extends RfmQuerySuite {
    private final PostgresTestDatabase database = PostgresTestDatabase.create();
    private final PostgresWarehouse warehouse = PostgresWarehouse.connect(database.config());

    @Override
    protected Warehouse warehouse() {
        return warehouse;
    }

    @AfterEach
    void close() {
        warehouse.close();
        database.close();
    }
}
