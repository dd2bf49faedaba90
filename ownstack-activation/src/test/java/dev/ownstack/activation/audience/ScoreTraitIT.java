package dev.ownstack.activation.audience;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.AfterAll;

/** The score trait suite on PostgreSQL: the same rules give the same exact members as on DuckDB. */
class ScoreTraitIT extends ScoreTraitSuite {
    private PostgresTestDatabase database;

    @Override
    protected Warehouse open() {
        database = PostgresTestDatabase.create();
        return PostgresWarehouse.connect(database.config());
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }
}
