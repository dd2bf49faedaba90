package dev.ownstack.insights.metrics;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link MetricsSuite} on PostgreSQL: the same numbers as on DuckDB. */
class MetricsIT extends MetricsSuite {
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
    Warehouse open() {
        Warehouse warehouse = PostgresWarehouse.connect(database.config());
        for (String schema : new String[] {"model", "identity", "ownstack"}) {
            warehouse.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        return warehouse;
    }
}
