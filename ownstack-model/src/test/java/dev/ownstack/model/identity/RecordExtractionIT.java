package dev.ownstack.model.identity;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.Test;

/** On PostgreSQL too, extraction in SQL gives exactly what the Java normalisers give. */
class RecordExtractionIT {
    @Test
    void postgres_gives_every_record_key_value_and_status_the_java_normalisers_give() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            MessyFixture.load(warehouse, 1, 600);
            RecordExtractionTest.assertSameAsReference(warehouse, MessyFixture.config(false));
        }
    }
}
